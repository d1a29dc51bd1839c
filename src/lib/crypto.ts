/**
 * AES-256-GCM for message bodies and other free text written by people. Every ciphertext names the key
 * that made it, so keys can rotate: the first key of the ring encrypts, every key decrypts.
 *
 * @example
 * const ring = parseKeyRing('k2:base64key…,k1:oldkey…');
 * const stored = encrypt(ring, 'Call me after 5');   // "enc:v1:k2:…"
 * decrypt(ring, stored);                            // "Call me after 5"
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface KeyRing {
  /** The key id used for new ciphertexts. */
  activeId: string;
  keys: ReadonlyMap<string, Buffer>;
}

const PREFIX = 'enc:v1:';

function decodeKey(material: string): Buffer {
  const trimmed = material.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (buf.length !== 32) throw new Error('an encryption key must be 32 bytes, given as 64 hex digits or base64');
  return buf;
}

/** Parses `key` or `id1:key1,id2:key2`. A key without an id gets one derived from its hash. */
export function parseKeyRing(spec: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let activeId: string | undefined;
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const colon = part.indexOf(':');
    const hasId = colon > 0 && /^[A-Za-z0-9_-]{1,32}$/.test(part.slice(0, colon));
    const key = decodeKey(hasId ? part.slice(colon + 1) : part);
    const id = hasId ? part.slice(0, colon) : createHash('sha256').update(key).digest('hex').slice(0, 8);
    keys.set(id, key);
    activeId ??= id;
  }
  if (!activeId) throw new Error('the encryption key ring is empty');
  return { activeId, keys };
}

export function generateKeyMaterial(): string {
  return randomBytes(32).toString('base64');
}

/**
 * The key ring from config, or — when none is configured — from `<dataDir>/encryption.key`, created on
 * first start. The file is written with mode 0600 and lives beside the data, never in the repository.
 */
export function loadOrCreateKeyRing(options: { configured: string | undefined; keyFile: string | null }): { ring: KeyRing; source: 'config' | 'file' | 'generated-file' | 'ephemeral' } {
  if (options.configured) return { ring: parseKeyRing(options.configured), source: 'config' };
  if (options.keyFile === null) return { ring: parseKeyRing(generateKeyMaterial()), source: 'ephemeral' };
  if (existsSync(options.keyFile)) return { ring: parseKeyRing(readFileSync(options.keyFile, 'utf8')), source: 'file' };
  mkdirSync(dirname(options.keyFile), { recursive: true });
  const material = generateKeyMaterial();
  writeFileSync(options.keyFile, `${material}\n`, { mode: 0o600, flag: 'wx' });
  return { ring: parseKeyRing(material), source: 'generated-file' };
}

export function encrypt(ring: KeyRing, plaintext: string): string {
  const key = ring.keys.get(ring.activeId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${PREFIX}${ring.activeId}:${iv.toString('base64url')}:${tag.toString('base64url')}:${ct.toString('base64url')}`;
}

export function decrypt(ring: KeyRing, stored: string): string {
  if (!stored.startsWith(PREFIX)) throw new Error('not an encrypted value');
  const [keyId, iv, tag, ct] = stored.slice(PREFIX.length).split(':');
  if (!keyId || iv === undefined || tag === undefined || ct === undefined) throw new Error('malformed encrypted value');
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`encryption key ${keyId} is not in the key ring`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

export const encryptNullable = (ring: KeyRing, v: string | null | undefined): string | null => (v == null ? null : encrypt(ring, v));
export const decryptNullable = (ring: KeyRing, v: string | null | undefined): string | null => (v == null ? null : decrypt(ring, v));

/** SHA-256 hex digest, for API key storage. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A MAC key for one purpose, derived from a ring key so a leaked link never reveals the encryption key. */
function macKey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `curb:${purpose}`, 32));
}

/**
 * A URL-safe token `<value>.<mac>` binding `value` to `purpose` (unsubscribe links, reply addresses).
 * Stateless: any key of the ring verifies it, so links survive key rotation.
 */
export function signToken(ring: KeyRing, purpose: string, value: string): string {
  const mac = createHmac('sha256', macKey(ring.keys.get(ring.activeId)!, purpose)).update(value).digest('base64url').slice(0, 22);
  return `${value}.${mac}`;
}

/** The value of a token made by `signToken` for this purpose, or undefined when it is forged or malformed. */
export function verifyToken(ring: KeyRing, purpose: string, token: string): string | undefined {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const value = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  for (const key of ring.keys.values()) {
    const want = Buffer.from(createHmac('sha256', macKey(key, purpose)).update(value).digest('base64url').slice(0, 22));
    if (want.length === given.length && timingSafeEqual(want, given)) return value;
  }
  return undefined;
}
