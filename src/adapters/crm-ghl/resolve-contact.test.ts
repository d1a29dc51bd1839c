import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.js';
import { createFakeGhlClient } from './fake.js';
import type { GhlClient } from './interface.js';
import { createGhlContactResolver } from './resolve-contact.js';

const ann = { id: 'ct_ann', locationId: 'loc', firstName: 'Ann', lastName: null, name: 'Ann', phone: '+14075550101', email: 'ann@example.com', tags: [], dnd: false, dndChannels: [], dateAdded: null, dateUpdated: null, lastActivity: null };

function counting(client: GhlClient) {
  const calls = { find: 0, upsert: 0 };
  return {
    calls,
    client: {
      findContact: (q: Parameters<GhlClient['findContact']>[0]) => (calls.find++, client.findContact(q)),
      upsertContact: (q: Parameters<GhlClient['upsertContact']>[0]) => (calls.upsert++, client.upsertContact(q)),
    },
  };
}

describe('createGhlContactResolver', () => {
  it('caches ids per phone and email, shares concurrent lookups, and expires them', async () => {
    const clock = fixedClock('2025-03-04T15:00:00Z');
    const c = counting(createFakeGhlClient({ contacts: [ann] }));
    const r = createGhlContactResolver({ client: c.client, clock, ttlMs: 60_000 });
    const [a, b] = await Promise.all([r.resolve({ phone: '+14075550101' }), r.resolve({ phone: ' +14075550101 ' })]);
    expect([a, b]).toEqual([{ ok: true, value: 'ct_ann' }, { ok: true, value: 'ct_ann' }]);
    expect((await r.resolve({ email: 'ANN@example.com' })).ok).toBe(true);
    expect(c.calls.find).toBe(2);
    clock.advance(60_001);
    await r.resolve({ phone: '+14075550101' });
    expect(c.calls.find).toBe(3);
    r.forget({ phone: '+14075550101' });
    await r.resolve({ phone: '+14075550101' });
    expect(c.calls.find).toBe(4);
  });

  it('creates an unknown recipient, or answers not_found when creating is off', async () => {
    const clock = fixedClock('2025-03-04T15:00:00Z');
    const fake = createFakeGhlClient();
    const made = await createGhlContactResolver({ client: fake, clock }).resolve({ phone: '+14075550177' });
    expect(made.ok && made.value).toBe(fake.calls.created[0]!.id);
    const none = await createGhlContactResolver({ client: createFakeGhlClient(), clock, create: false }).resolve({ email: 'x@example.com' });
    expect(!none.ok && none.error).toMatchObject({ code: 'not_found', retry: false });
  });

  it('keeps at most maxEntries ids, dropping the least recently used', async () => {
    const clock = fixedClock('2025-03-04T15:00:00Z');
    const c = counting(createFakeGhlClient());
    const r = createGhlContactResolver({ client: c.client, clock, maxEntries: 2 });
    await r.resolve({ phone: '+14075550001' });
    await r.resolve({ phone: '+14075550002' });
    await r.resolve({ phone: '+14075550001' });
    await r.resolve({ phone: '+14075550003' });
    const before = c.calls.find;
    await r.resolve({ phone: '+14075550001' });
    expect(c.calls.find).toBe(before);
    await r.resolve({ phone: '+14075550002' });
    expect(c.calls.find).toBe(before + 1);
  });

  it('does not cache a failure', async () => {
    const clock = fixedClock('2025-03-04T15:00:00Z');
    const down = createFakeGhlClient({ fail: { code: 'provider_unavailable', message: 'down', retry: true } });
    const r = createGhlContactResolver({ client: down, clock });
    expect((await r.resolve({ phone: '+14075550101' })).ok).toBe(false);
  });
});
