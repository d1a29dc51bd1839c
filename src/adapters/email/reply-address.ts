/**
 * Per-conversation reply addresses: `reply+<token>@<EMAIL_REPLY_DOMAIN>`. The token (opaque, from the
 * conversation) lets inbound mail find its conversation without trusting the From header.
 */
const TOKEN = /^[A-Za-z0-9_-]{6,128}$/;

/**
 * @example
 * replyAddressFor('c0nv3rs4t10n', 'reply.curb.example') // 'reply+c0nv3rs4t10n@reply.curb.example'
 */
export function replyAddressFor(token: string, domain: string): string {
  if (!TOKEN.test(token)) throw new Error('replyAddressFor: token must be 6-128 characters of A-Z a-z 0-9 _ -');
  if (!/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(domain)) throw new Error(`replyAddressFor: invalid domain "${domain}"`);
  return `reply+${token}@${domain.toLowerCase()}`;
}

/**
 * The token of a reply address, or undefined when the address is not one of ours (optionally checking
 * the domain). Accepts `Name <reply+tok@domain>` as found in To/Delivered-To headers.
 */
export function parseReplyAddress(address: string, domain?: string): string | undefined {
  const bare = /<([^>]+)>/.exec(address)?.[1] ?? address.trim();
  const m = /^reply\+([A-Za-z0-9_-]{6,128})@([A-Za-z0-9.-]+)$/i.exec(bare);
  if (!m) return undefined;
  if (domain !== undefined && m[2]!.toLowerCase() !== domain.toLowerCase()) return undefined;
  return m[1];
}
