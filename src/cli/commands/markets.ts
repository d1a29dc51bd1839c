import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { discover } from '../../adapters/gis-arcgis/discover.js';
import { draftMarketConfig } from '../../adapters/gis-arcgis/draft-market-config.js';
import { loadConfig } from '../../config/env.js';
import { AppError, ErrorCode, notFound, validationError } from '../../lib/errors.js';
import { createArcgisClientFromConfig } from '../../services/markets/create-arcgis-client-from-config.js';
import { ensureMarkets, findMarket } from '../../services/markets/ensure-markets.js';
import { syncMarket, type SyncMarketReport } from '../../services/markets/sync-market.js';
import { withServices } from '../context.js';
import { type OutputOptions, writeResult } from '../output.js';
import { resolveLocationId } from './keys.js';

const positive = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw validationError([{ path: [name], message: 'must be a positive whole number' }], 'option');
  return n;
};

export function registerMarkets(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const markets = program.command('markets').description('Markets (config/markets/*.yaml): list, show, sync parcels from ArcGIS, discover a county server');
  markets
    .command('list')
    .option('--location <id>', 'location id (optional when there is one location)')
    .action((opts: { location?: string }) =>
      run((o) =>
        withServices(async (services) => {
          const locationId = await resolveLocationId(services, opts.location);
          const all = await ensureMarkets(services, { locationId, configDir: services.config.configDir });
          writeResult(o, { data: all.map((m) => m.market) }, () =>
            all.map((m) => `${m.market.key.padEnd(14)} ${m.market.name.padEnd(24)} tiers A≥${m.market.tierThresholds.A} B+≥${m.market.tierThresholds['B+']}  last sync ${m.market.lastSyncedAt ?? 'never'}`).join('\n') || 'no markets',
          );
        }),
      ),
    );
  markets
    .command('show <key>')
    .option('--location <id>', 'location id (optional when there is one location)')
    .action((key: string, opts: { location?: string }) =>
      run((o) =>
        withServices(async (services) => {
          const locationId = await resolveLocationId(services, opts.location);
          const m = findMarket(await ensureMarkets(services, { locationId, configDir: services.config.configDir }), key);
          if (!m) throw notFound('market', key);
          writeResult(o, { market: m.market, config: m.config }, () => stringify(m.config ?? m.market));
        }),
      ),
    );
  markets
    .command('sync [key]')
    .description("pull a market's ArcGIS parcel layer into properties")
    .option('--all', 'every active market with a parcel layer')
    .option('--limit <n>', 'stop after n records per market')
    .option('--location <id>', 'location id (optional when there is one location)')
    .action((key: string | undefined, opts: { all?: boolean; limit?: string; location?: string }) =>
      run((o) => {
        if (!key && !opts.all) throw validationError([{ path: ['key'], message: 'name a market or pass --all' }], 'command');
        const limit = positive('limit', opts.limit);
        return withServices(async (services) => {
          const locationId = await resolveLocationId(services, opts.location);
          const keys = opts.all
            ? (await ensureMarkets(services, { locationId, configDir: services.config.configDir }))
                // Every active market with a parcel layer (seed: make scrape-all-markets).
                .filter((m) => m.market.active && Object.values(m.config?.sources ?? {}).some((s) => s.kind === 'arcgis_query' && s.enabled && s.field_map?.parcel_id))
                .map((m) => m.market.key)
            : [key!];
          const reports: SyncMarketReport[] = [];
          for (const k of keys) reports.push(await syncMarket(services, { locationId, market: k, ...(limit ? { limit } : {}) }));
          writeResult(o, { data: reports }, () =>
            reports.map((r) => `${r.market} (${r.source}): read ${r.read}, imported ${r.imported}, updated ${r.updated}, failed ${r.failed.length}${r.failed[0] ? ` — ${r.failed[0].reason}` : ''}`).join('\n') || 'no market has a parcel layer',
          );
        });
      }),
    );
  markets
    .command('discover <servicesDirectoryUrl>')
    .description('walk an ArcGIS services directory, rank parcel layers and draft a market YAML')
    .option('--write <file>', 'write the draft market YAML here')
    .option('--key <key>', 'market key for the draft')
    .option('--name <name>', 'market name for the draft')
    .option('--state <code>', 'two-letter state for the draft', 'FL')
    .option('--county <name>', 'county name for the draft')
    .option('--fips <code>', 'five-digit county FIPS code for the draft')
    .option('--dor <n>', 'Florida DOR county number (11-77) for the draft')
    .option('--local-context <text>', 'one honest sentence about the local market, which messages may use')
    .action((url: string, opts: { write?: string; key?: string; name?: string; state: string; county?: string; fips?: string; dor?: string; localContext?: string }) =>
      run(async (o) => {
        if (!/^https?:\/\//.test(url)) throw validationError([{ path: ['servicesDirectoryUrl'], message: 'must be an http(s) URL' }], 'argument');
        // Discovery reads a remote server only: no database needed.
        const config = loadConfig();
        const client = createArcgisClientFromConfig(config);
        const r = await discover({ client, servicesDirectoryUrl: url });
        if (!r.ok) throw new AppError(r.error.retry ? ErrorCode.ProviderUnavailable : ErrorCode.BadRequest, `${url}: ${r.error.message}`, { code: r.error.code });
        const dor = opts.dor === undefined ? undefined : Number(opts.dor);
        if (dor !== undefined && (!Number.isInteger(dor) || dor < 11 || dor > 77)) throw validationError([{ path: ['dor'], message: 'a Florida DOR county number is 11 to 77' }], 'option');
        const { config: draft, notes, missing } = draftMarketConfig(r.value, {
          ...(opts.key ? { key: opts.key } : {}),
          ...(opts.name ? { name: opts.name } : {}),
          state: opts.state,
          ...(opts.county ? { county: opts.county } : {}),
          ...(opts.fips ? { fips: opts.fips } : {}),
          ...(dor !== undefined ? { flDorCountyNumber: dor } : {}),
          ...(opts.localContext ? { localContext: opts.localContext } : {}),
        });
        // The review notes and what is left to fill go in the file's header; the YAML itself is a market config.
        const header = [
          `Draft from \`curb markets discover ${url}\`.`,
          ...notes,
          ...(missing.length > 0 ? [`Fill before this file can load as a market: ${missing.join(', ')}.`] : []),
          'The parcel source is disabled (enabled: false) until its field map is confirmed.',
        ];
        if (opts.write) await writeFile(opts.write, `${header.map((l) => `# ${l}`).join('\n')}\n${stringify(draft)}`);
        const layers = r.value.layers.map((l) => ({ url: l.url, name: l.name, kind: l.kind, score: l.score, fields: l.fieldNames.length }));
        writeResult(o, { discovery: { rootUrl: r.value.rootUrl, layers, problems: r.value.problems, truncated: r.value.truncated }, draft, notes, missing, ...(opts.write ? { written: opts.write } : {}) }, () =>
          [
            `${layers.length} layers at ${r.value.rootUrl}${r.value.truncated ? ' (truncated)' : ''}`,
            ...layers.slice(0, 10).map((l) => `  ${l.score.toFixed(2)}  ${l.name}  ${l.url}`),
            ...r.value.problems.map((p) => `  problem: ${p.url}: ${p.message}`),
            ...notes.map((n) => `  note: ${n}`),
            ...(missing.length > 0 ? [`  fill before use: ${missing.join(', ')}`] : []),
            opts.write ? `draft written to ${opts.write}` : stringify(draft),
          ].join('\n'),
        );
      }),
    );
}
