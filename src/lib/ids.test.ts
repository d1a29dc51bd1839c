import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('makes RFC 9562 version-7 UUIDs that sort by creation time and do not repeat', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const first = ids[0]!.slice(0, 13);
    const last = ids[ids.length - 1]!.slice(0, 13);
    expect(first <= last).toBe(true);
  });

  it('carries the creation time in its first 48 bits', () => {
    const before = Date.now();
    const ids = Array.from({ length: 600 }, () => newId());
    const after = Date.now();
    for (const id of ids) {
      const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after);
    }
  });
});
