export type ValidatedEmail = { ok: true; email: string; domain: string } | { ok: false; reason: string };

// A practical subset of RFC 5322: dot-atom local part (no quoted strings, no comments), and a DNS
// host name with a real top-level label. Quoted local parts are legal but in lead lists they are
// always garbage, and rejecting them costs nothing.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Syntax check and normalisation (trimmed, `mailto:` dropped, domain lowercased). Whether the domain
 * receives mail is the MX check's job (adapters/enrichment).
 *
 * @example validateEmail(' Jose.Nunez@Example.COM ') // { ok: true, email: 'Jose.Nunez@example.com', domain: 'example.com' }
 */
export function validateEmail(raw: string): ValidatedEmail {
  const text = raw.trim().replace(/^mailto:/i, '');
  if (!text) return { ok: false, reason: 'empty email' };
  if (text.length > 254) return { ok: false, reason: 'email longer than 254 characters' };
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return { ok: false, reason: 'email has no local part or domain' };
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase().replace(/\.$/, '');
  if (local.length > 64) return { ok: false, reason: 'email local part longer than 64 characters' };
  if (!LOCAL.test(local)) return { ok: false, reason: 'email local part has invalid characters' };
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, reason: 'email domain has no top-level domain' };
  if (!labels.every((l) => LABEL.test(l))) return { ok: false, reason: 'email domain is not a valid host name' };
  if (!/^[a-z]{2,63}$/.test(labels[labels.length - 1]!)) return { ok: false, reason: 'email top-level domain is invalid' };
  return { ok: true, email: `${local}@${domain}`, domain };
}
