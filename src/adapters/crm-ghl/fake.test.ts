import { describe, expect, it } from 'vitest';
import { createFakeGhlClient } from './fake.js';
import type { GhlContact } from './interface.js';

const contact = (id: string, patch: Partial<GhlContact> = {}): GhlContact => ({
  id, locationId: 'loc', firstName: null, lastName: null, name: id, phone: '+14075550101', email: `${id}@example.com`, tags: [], dnd: false, dndChannels: [],
  dateAdded: null, dateUpdated: '2024-12-01T00:00:00.000Z', lastActivity: null, ...patch,
});

describe('createFakeGhlClient', () => {
  it('behaves like the port: DND refuses sends, slots are booked once, calls are recorded', async () => {
    const ghl = createFakeGhlClient({
      contacts: [contact('a'), contact('b', { dndChannels: ['SMS'] })],
      stages: { s1: ['a', 'b'] },
      slots: { cal: [{ startTime: '2025-03-05T14:00:00.000Z', date: '2025-03-05' }] },
    });
    expect((await ghl.getContactsByPipelineStage({ stageId: 's1' })).ok).toBe(true);
    expect((await ghl.sendSms({ contactId: 'a', message: 'hi' })).ok).toBe(true);
    const refused = await ghl.sendSms({ contactId: 'b', message: 'hi' });
    expect(refused.ok || refused.error).toMatchObject({ code: 'bad_request', retry: false });
    expect((await ghl.createAppointment({ calendarId: 'cal', contactId: 'a', startTime: '2025-03-05T14:00:00Z', endTime: '2025-03-05T14:30:00Z', title: 't' })).ok).toBe(true);
    expect((await ghl.createAppointment({ calendarId: 'cal', contactId: 'a', startTime: '2025-03-05T14:00:00Z', endTime: '2025-03-05T14:30:00Z', title: 't' })).ok).toBe(false);
    expect(ghl.calls.messages).toHaveLength(1);
    const dnd = await ghl.setDnd({ contactId: 'a', dnd: true, channel: 'Email' });
    expect(dnd.ok && dnd.value.dndChannels).toEqual(['Email']);
    expect((await ghl.getContact('zz')).ok).toBe(false);
  });
});
