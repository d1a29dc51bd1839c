/**
 * GoHighLevel sourcing on PGlite and PostgreSQL, reading from the local LeadConnector server through the
 * real client: pipeline stages and stale leads become Curb contacts and prospects, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGhlServer, type FakeGhlServer } from '../../../test/fakes/ghl-server.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { createFakeGhlClient } from '../../adapters/crm-ghl/fake.js';
import { createGhlClient } from '../../adapters/crm-ghl/create-ghl-client.js';
import type { GhlClient } from '../../adapters/crm-ghl/interface.js';
import { createContact } from '../contacts/create-contact.js';
import { parseStageIds, sourceGhlProspects } from './source-ghl-prospects.js';

describe.each(databaseTargets())('sourceGhlProspects (%s)', (kind) => {
  let ctx: TestContext;
  let server: FakeGhlServer;
  let ghl: GhlClient;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
    server = await startGhlServer();
    ghl = createGhlClient({ baseUrl: server.baseUrl, token: server.token, locationId: server.locationId, clock: ctx.services.clock, sleep: async () => {}, random: () => 0 });
  });
  afterAll(async () => {
    await server.close();
    await ctx.close();
  });

  const rows = async <T>(sql: string, values: unknown[]) => (await ctx.services.database.executeSql<T>(sql, values)).rows;

  it('turns pipeline contacts and stale leads into contacts and prospects, linking an owner Curb already has', async () => {
    server.reset();
    const { location } = await createTenant(ctx.services, 'Sourcing');
    // Cara is already in Curb from a list import: she is linked, not duplicated.
    const cara = await createContact(ctx.services, { locationId: location.id, input: { ownerName: 'NUNEZ CARA', phone: '(407) 555-0103', source: 'propstream' } });

    const r = await sourceGhlProspects({ ...ctx.services, ghl }, { locationId: location.id, stageIds: parseStageIds(' stage_new, stage_offer ,stage_new'), staleAfterDays: 14, maxPerSource: 5 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const report = r.value;
    expect(report.errors).toEqual([]);
    expect(report.prospects.map((p) => p.ghlContactId).sort()).toEqual(['ct_ann', 'ct_bob', 'ct_cara', 'ct_lead_000', 'ct_lead_001', 'ct_lead_002', 'ct_lead_003', 'ct_lead_004']);
    expect(report.created).toBe(7);
    const ann = report.prospects.find((p) => p.ghlContactId === 'ct_ann')!;
    expect(ann).toMatchObject({ name: 'Ann Lee', phone: '+14075550101', email: 'ann.lee@example.com', stageId: 'stage_new', sources: ['pipeline'], lastActivity: '2025-02-21T09:00:00.000Z', created: true });
    expect(report.prospects.find((p) => p.ghlContactId === 'ct_cara')).toMatchObject({ contactId: cara.id, created: false, stageId: 'stage_offer' });
    expect(report.prospects.find((p) => p.ghlContactId === 'ct_lead_000')).toMatchObject({ stageId: null, sources: ['stale'], phone: '+14075551000' });
    // Bob has SMS DND in GoHighLevel: stored, but not handed back for enrolment.
    expect(report.skipped).toEqual([{ ghlContactId: 'ct_bob', reason: 'dnd', detail: 'SMS' }]);
    expect(report.contactIds).toHaveLength(7);
    expect(report.contactIds).toContain(cara.id);

    const linked = await rows<{ ghl_contact_id: string; source: string; n: number }>(
      `select c.ghl_contact_id, c.source, (select count(*)::int from prospects p where p.contact_id = c.id and p.source = 'ghl') as n
       from contacts c where c.location_id = $1 order by c.ghl_contact_id`,
      [location.id],
    );
    expect(linked).toHaveLength(8);
    expect(linked.every((l) => l.n === 1)).toBe(true);
    expect(linked.find((l) => l.ghl_contact_id === 'ct_cara')?.source).toBe('propstream');
    expect(linked.filter((l) => l.source === 'ghl')).toHaveLength(7);
    const [point] = await rows<{ value: string }>(`select value from contact_points where location_id = $1 and kind = 'email' and source = 'ghl' and value like 'ann%'`, [location.id]);
    expect(point?.value).toBe('ann.lee@example.com');
  });

  it('a second run creates nothing and answers the same contacts; GoHighLevel DND becomes a Curb opt-out', async () => {
    server.reset();
    const { location } = await createTenant(ctx.services, 'Twice');
    const o = { locationId: location.id, stageIds: ['stage_new'], staleAfterDays: null };
    const first = await sourceGhlProspects({ ...ctx.services, ghl }, o);
    const second = await sourceGhlProspects({ ...ctx.services, ghl }, o);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value.created).toBe(0);
    expect(second.value.contactIds).toEqual(first.value.contactIds);
    expect((await rows<{ n: number }>('select count(*)::int as n from contacts where location_id = $1', [location.id]))[0]!.n).toBe(2);

    server.contacts.get('ct_ann')!.dnd = true;
    const third = await sourceGhlProspects({ ...ctx.services, ghl }, o);
    expect(third.ok && third.value.contactIds).toEqual([]);
    const [ann] = await rows<{ opt_out: boolean }>(`select opt_out from contacts where location_id = $1 and ghl_contact_id = 'ct_ann'`, [location.id]);
    expect(ann?.opt_out).toBe(true);
  });

  it('keeps what one source found when another fails, and fails only when every source does', async () => {
    const { location } = await createTenant(ctx.services, 'Partial');
    const fake = createFakeGhlClient({
      contacts: [{ id: 'g1', locationId: 'l', firstName: 'Eve', lastName: 'Park', name: 'Eve Park', phone: '407-555-0177', email: 'not an email', tags: [], dnd: false, dndChannels: [], dateAdded: null, dateUpdated: '2024-01-01T00:00:00.000Z', lastActivity: null },
        { id: 'g2', locationId: 'l', firstName: null, lastName: null, name: 'Nobody', phone: null, email: null, tags: [], dnd: false, dndChannels: [], dateAdded: null, dateUpdated: '2024-01-01T00:00:00.000Z', lastActivity: null }],
    });
    const broken: Pick<GhlClient, 'getContactsByPipelineStage' | 'getContactsInactiveSince'> = {
      getContactsByPipelineStage: async () => ({ ok: false, error: { code: 'forbidden', message: 'GoHighLevel GET /opportunities/search: HTTP 403', retry: false } }),
      getContactsInactiveSince: (q) => fake.getContactsInactiveSince(q),
    };
    const r = await sourceGhlProspects({ ...ctx.services, ghl: broken }, { locationId: location.id, stageIds: ['s1'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.errors).toEqual([{ source: 'pipeline', stageId: 's1', code: 'forbidden', message: 'GoHighLevel GET /opportunities/search: HTTP 403' }]);
    expect(r.value.prospects).toHaveLength(1);
    expect(r.value.prospects[0]).toMatchObject({ ghlContactId: 'g1', phone: '+14075550177', email: null, sources: ['stale'] });
    expect(r.value.skipped).toEqual([{ ghlContactId: 'g2', reason: 'no_phone_or_email' }]);

    const down = createFakeGhlClient({ fail: { code: 'circuit_open', message: 'open', retry: true } });
    const failed = await sourceGhlProspects({ ...ctx.services, ghl: down }, { locationId: location.id, stageIds: ['s1'] });
    expect(!failed.ok && failed.error).toMatchObject({ code: 'circuit_open', retry: true });
  });
});
