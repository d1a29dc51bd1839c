/**
 * Secrets that belong to one server each (ArcGIS tokens) are configured per host, so a token issued by
 * one county's GIS server is never sent to another host: `ARCGIS_TOKENS=host=token,host=token`, or one
 * `ARCGIS_TOKEN` with the hosts it is for in `ARCGIS_TOKEN_HOSTS`.
 */

/** `gis.example.gov`, `127.0.0.1`, `[::1]`, each optionally with `:port`; lower case. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** Checks one host key; the message says how to write it. */
export function hostKeyProblem(raw: string): string | undefined {
  const host = raw.trim().toLowerCase();
  if (host === '') return 'a host is empty';
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host) || host.includes('/')) return `"${raw.trim()}" is a URL: write the host only (e.g. gis.example.gov or gis.example.gov:6443)`;
  if (host.includes('*')) return `"${raw.trim()}": wildcards are not accepted; list every host`;
  if (!HOST.test(host)) return `"${raw.trim()}" is not a host name`;
  return undefined;
}

/** Parses `host=token,host=token` into a map (lower-case hosts); the first problem stops it. */
export function parseHostTokens(raw: string): { tokens: Map<string, string> } | { problem: string } {
  const tokens = new Map<string, string>();
  for (const pair of raw.split(',')) {
    if (pair.trim() === '') continue;
    // Tokens may end in `=`, hosts never contain one: split at the first.
    const at = pair.indexOf('=');
    if (at < 0) return { problem: `"${pair.trim()}" is not host=token` };
    const host = pair.slice(0, at).trim().toLowerCase();
    const token = pair.slice(at + 1).trim();
    const problem = hostKeyProblem(host);
    if (problem) return { problem };
    if (token === '') return { problem: `the token for ${host} is empty` };
    if (tokens.has(host)) return { problem: `${host} is listed twice` };
    tokens.set(host, token);
  }
  if (tokens.size === 0) return { problem: 'no host=token pair' };
  return { tokens };
}

/** Parses a comma-separated host list (lower case, duplicates refused). */
export function parseHostList(raw: string): { hosts: string[] } | { problem: string } {
  const hosts: string[] = [];
  for (const part of raw.split(',')) {
    if (part.trim() === '') continue;
    const problem = hostKeyProblem(part);
    if (problem) return { problem };
    const host = part.trim().toLowerCase();
    if (hosts.includes(host)) return { problem: `${host} is listed twice` };
    hosts.push(host);
  }
  if (hosts.length === 0) return { problem: 'no host' };
  return { hosts };
}

/**
 * The ArcGIS token of each host, from `ARCGIS_TOKENS` and `ARCGIS_TOKEN` + `ARCGIS_TOKEN_HOSTS` (already
 * validated by the config schema). A host appears once.
 */
export function arcgisTokensOf(env: { ARCGIS_TOKENS?: string | undefined; ARCGIS_TOKEN?: string | undefined; ARCGIS_TOKEN_HOSTS?: string | undefined }): Record<string, string> {
  const out: Record<string, string> = {};
  if (env.ARCGIS_TOKENS) {
    const parsed = parseHostTokens(env.ARCGIS_TOKENS);
    if ('tokens' in parsed) for (const [host, token] of parsed.tokens) out[host] = token;
  }
  if (env.ARCGIS_TOKEN && env.ARCGIS_TOKEN_HOSTS) {
    const parsed = parseHostList(env.ARCGIS_TOKEN_HOSTS);
    if ('hosts' in parsed) for (const host of parsed.hosts) out[host] ??= env.ARCGIS_TOKEN;
  }
  return out;
}
