import type { Command } from 'commander';
import { validationError } from '../../lib/errors.js';
import { createLocation } from '../../services/locations/create-location.js';
import { listLocations } from '../../services/locations/list-locations.js';
import { LocationInputSchema } from '../../services/locations/location-schemas.js';
import { withServices } from '../context.js';
import { type OutputOptions, writeResult } from '../output.js';

export function registerLocations(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const locations = program.command('locations').description('tenants: one business each, with its own keys, contacts and caps');
  locations
    .command('create')
    .requiredOption('--name <businessName>', 'business name shown in messages')
    .option('--time-zone <iana>', 'e.g. America/New_York')
    .option('--postal-address <address>', 'postal address for email footers (CAN-SPAM)')
    .option('--phone <phone>', 'business phone')
    .option('--email <email>', 'business email')
    .action((opts: { name: string; timeZone?: string; postalAddress?: string; phone?: string; email?: string }) =>
      run((o) =>
        withServices(async (services) => {
          const parsed = LocationInputSchema.safeParse({ businessName: opts.name, timeZone: opts.timeZone, postalAddress: opts.postalAddress, phone: opts.phone, email: opts.email });
          if (!parsed.success) throw validationError(parsed.error.issues, 'location');
          const location = await createLocation(services, { input: parsed.data });
          writeResult(o, { location }, () => `created location ${location.id} (${location.businessName})`);
        }),
      ),
    );
  locations.command('list').action(() =>
    run((o) =>
      withServices(async (services) => {
        const list = await listLocations(services);
        writeResult(o, { data: list }, () => list.map((l) => `${l.id}  ${l.businessName}  ${l.timeZone}`).join('\n') || 'no locations');
      }),
    ),
  );
}
