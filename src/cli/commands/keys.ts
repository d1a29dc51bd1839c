import type { Command } from 'commander';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { AppServices } from '../../services/app-services.js';
import { createApiKey } from '../../services/auth/create-api-key.js';
import { listApiKeys } from '../../services/auth/list-api-keys.js';
import { revokeApiKey } from '../../services/auth/revoke-api-key.js';
import { listLocations } from '../../services/locations/list-locations.js';
import { withServices } from '../context.js';
import { type OutputOptions, writeResult } from '../output.js';

/** `--location` may be omitted when there is exactly one location. */
export async function resolveLocationId(services: AppServices, given: string | undefined): Promise<string> {
  if (given) return given;
  const all = await listLocations(services);
  if (all.length === 1) return all[0]!.id;
  throw new AppError(ErrorCode.ValidationFailed, all.length === 0 ? 'no location exists yet: run `curb locations create --name …`' : 'several locations exist: pass --location <id>', {
    issues: [{ path: 'location', message: 'required' }],
  });
}

export function registerKeys(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const keys = program.command('keys').description('API keys (shown once, stored hashed, scoped to one location)');
  keys
    .command('create')
    .option('--location <id>', 'location id (optional when there is one location)')
    .option('--name <name>', 'a label for the key', 'cli')
    .action((opts: { location?: string; name: string }) =>
      run((o) =>
        withServices(async (services) => {
          const locationId = await resolveLocationId(services, opts.location);
          const { key, apiKey } = await createApiKey(services, { locationId, name: opts.name });
          writeResult(o, { key, apiKey }, () => `${key}\n(shown once: store it now; prefix ${apiKey.prefix}, location ${locationId})`);
        }),
      ),
    );
  keys
    .command('list')
    .option('--location <id>', 'only this location')
    .action((opts: { location?: string }) =>
      run((o) =>
        withServices(async (services) => {
          const list = await listApiKeys(services, { locationId: opts.location });
          writeResult(o, { data: list }, () =>
            list.length === 0 ? 'no keys' : list.map((k) => `${k.prefix}  ${k.name}  location=${k.locationId}  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}`).join('\n'),
          );
        }),
      ),
    );
  keys
    .command('revoke <idOrPrefix>')
    .option('--location <id>', 'only within this location')
    .action((idOrPrefix: string, opts: { location?: string }) =>
      run((o) =>
        withServices(async (services) => {
          const k = await revokeApiKey(services, { idOrPrefix, locationId: opts.location });
          writeResult(o, { apiKey: k }, () => `revoked ${k.prefix} at ${k.revokedAt}`);
        }),
      ),
    );
}
