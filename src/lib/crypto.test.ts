import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, generateKeyMaterial, loadOrCreateKeyRing, parseKeyRing } from './crypto.js';

describe('PII encryption', () => {
  it('round-trips unicode text and never stores the plaintext', () => {
    const ring = parseKeyRing(generateKeyMaterial());
    const stored = encrypt(ring, 'Sí, llámame — 407-555-0100 🙏');
    expect(stored).not.toContain('llámame');
    expect(decrypt(ring, stored)).toBe('Sí, llámame — 407-555-0100 🙏');
  });

  it('decrypts with an older key after rotation and encrypts with the new one', () => {
    const oldRing = parseKeyRing(`k1:${generateKeyMaterial()}`);
    const stored = encrypt(oldRing, 'old message');
    const rotated = parseKeyRing(`k2:${generateKeyMaterial()},k1:${generateKeyMaterial()}`);
    const both = { activeId: 'k2', keys: new Map([...rotated.keys].map(([id, k]) => [id, id === 'k1' ? oldRing.keys.get('k1')! : k])) };
    expect(decrypt(both, stored)).toBe('old message');
    expect(encrypt(both, 'new').startsWith('enc:v1:k2:')).toBe(true);
  });

  it('detects tampering', () => {
    const ring = parseKeyRing(generateKeyMaterial());
    const stored = encrypt(ring, 'hello');
    const parts = stored.split(':');
    parts[5] = Buffer.from('jello').toString('base64url');
    expect(() => decrypt(ring, parts.join(':'))).toThrow();
  });

  it('rejects keys of the wrong size', () => {
    expect(() => parseKeyRing('c2hvcnQ=')).toThrow(/32 bytes/);
  });

  it('creates a key file on first start and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'curb-key-'));
    const file = join(dir, 'encryption.key');
    const first = loadOrCreateKeyRing({ configured: undefined, keyFile: file });
    expect(first.source).toBe('generated-file');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadOrCreateKeyRing({ configured: undefined, keyFile: file });
    expect(second.source).toBe('file');
    expect(second.ring.activeId).toBe(first.ring.activeId);
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThan(40);
  });
});
