import type { Command } from 'commander';
import { validationError } from '../../lib/errors.js';
import { listTemplates } from '../../services/messages/list-templates.js';
import { TemplateListQuerySchema } from '../../services/messages/template-schemas.js';
import { withServices } from '../context.js';
import { type OutputOptions, writeResult } from '../output.js';
import { resolveLocationId } from './keys.js';

export function registerTemplates(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const templates = program.command('templates').description("message templates: the shipped defaults and a location's own");
  templates
    .command('list')
    .option('--location <id>', 'location id (optional when there is one location)')
    .option('--channel <channel>', 'sms | email | voicemail')
    .option('--kind <kind>', 'initial | follow_up | response | voicemail')
    .action((opts: { location?: string; channel?: string; kind?: string }) =>
      run((o) =>
        withServices(async (services) => {
          const query = TemplateListQuerySchema.safeParse({ ...(opts.channel ? { channel: opts.channel } : {}), ...(opts.kind ? { kind: opts.kind } : {}) });
          if (!query.success) throw validationError(query.error.issues, 'option');
          const locationId = await resolveLocationId(services, opts.location);
          const list = await listTemplates(services, { locationId, query: query.data });
          writeResult(o, { data: list }, () =>
            list
              .map((t) => `${t.key.padEnd(28)} ${t.channel.padEnd(9)} ${t.kind.padEnd(9)} ${String(t.touch ?? t.responseTo ?? '').padEnd(14)} ${t.source}${t.overridesDefault ? ' (override)' : ''} v${t.version}${t.active ? '' : ' inactive'}`)
              .join('\n'),
          );
        }),
      ),
    );
}
