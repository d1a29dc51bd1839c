import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/test-database.js';

const EXPECTED_TABLES = [
  'alerts', 'api_keys', 'campaign_steps', 'campaigns', 'communications', 'compliance_decisions', 'consent_events', 'contact_points',
  'contacts', 'conversation_states', 'costs', 'deals', 'enrollments', 'handoffs', 'imports', 'lead_statuses', 'locations', 'markets',
  'message_templates', 'notifications', 'objection_logs', 'properties', 'property_contacts', 'prospects', 'qualification',
  'setting_changes', 'suppression_lists', 'suppressions', 'touches', 'webhook_events',
];

describe.each(databaseTargets())('migrations (%s)', (kind) => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of opened) await d.drop();
  });

  it('apply cleanly to an empty database, create every entity, and are a no-op the second time', async () => {
    const t = await createTestDatabase(kind, { migrate: false });
    opened.push(t);
    const first = await migrate(t.database);
    expect(first.newlyApplied).toBe(first.total);
    const second = await migrate(t.database);
    expect(second).toMatchObject({ newlyApplied: 0, applied: first.total });
    const tables = await t.database.executeSql<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
      [],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
  });

  it('has the hot-path indexes', async () => {
    const t = await createTestDatabase(kind);
    opened.push(t);
    const idx = await t.database.executeSql<{ indexname: string; indexdef: string }>("select indexname, indexdef from pg_indexes where schemaname = 'public'", []);
    const byName = new Map(idx.rows.map((r) => [r.indexname, r.indexdef]));
    expect(byName.get('enrollments_due')).toMatch(/next_touch_at.*WHERE.*status.*active/s);
    expect(byName.get('communications_contact_time')).toMatch(/contact_id, occurred_at/);
    // One unique index leads with value: the import's conflict key and the send-time lookup by value.
    expect(byName.get('suppressions_value_list')).toMatch(/\(value, list, state, location_id\)/);
    expect(byName.get('touches_idempotency_key')).toMatch(/UNIQUE/);
  });

  it.runIf(kind === 'postgres')('can be run by several processes at once (advisory lock)', async () => {
    const t = await createTestDatabase(kind, { migrate: false });
    opened.push(t);
    const results = await Promise.all([migrate(t.database), migrate(t.database), migrate(t.database)]);
    expect(results.reduce((n, r) => n + r.newlyApplied, 0)).toBe(results[0]!.total);
  });
});
