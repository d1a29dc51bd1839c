import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { FetchLike } from './http-request.js';

export interface FetchWithExtraCaOptions {
  /** PEM certificates (one or more) trusted on top of the system roots. */
  ca: string;
  maxRedirects?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Statuses whose Response may not carry a body.
const NULL_BODY = new Set([204, 205, 304]);

/** A network error shaped like the global fetch's (`TypeError` with `cause.code`), so httpRequest classifies it alike. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function headerObject(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function send(agent: Agent, url: URL, method: string, headers: Record<string, string>, body: string | undefined, signal: AbortSignal | undefined): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent, ...(signal ? { signal } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      res.on('error', (e) => reject(fetchFailed(e)));
    });
    req.on('error', (e) => reject(signal?.aborted ? e : fetchFailed(e)));
    req.end(body);
  });
}

/**
 * A `fetch` for one source whose HTTPS server sends an incomplete certificate chain (Osceola's GIS host):
 * the bundle's certificates are trusted in addition to Node's root store, for this source's requests only.
 * Certificate and host name verification stay on; nothing is trusted process-wide.
 *
 * @example
 * const fetch = createFetchWithExtraCa({ ca: readFileSync('config/certs/osceola-intermediate.pem', 'utf8') });
 * const arcgis = createArcgisClient({ userAgent, fetch });
 */
export function createFetchWithExtraCa(options: FetchWithExtraCaOptions): FetchLike {
  // `ca` replaces the default trust store, so the system roots are listed with the extra certificates.
  const agent = new Agent({ keepAlive: true, ca: [...rootCertificates, options.ca] });
  const maxRedirects = options.maxRedirects ?? 5;
  return async (input, init = {}) => {
    let url = new URL(input);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = typeof init.body === 'string' ? init.body : undefined;
    if (init.body !== undefined && init.body !== null && body === undefined) throw new TypeError('fetchWithExtraCa sends string bodies only');
    const headers = headerObject(init.headers);
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'https:') throw fetchFailed(Object.assign(new Error(`${url.origin} is not https`), { code: 'ERR_INVALID_PROTOCOL' }));
      const { res, body: data } = await send(agent, url, method, headers, body, init.signal ?? undefined);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (init.redirect !== 'manual' && REDIRECTS.has(status) && location) {
        if (hop >= maxRedirects) throw fetchFailed(Object.assign(new Error(`more than ${maxRedirects} redirects`), { code: 'ERR_TOO_MANY_REDIRECTS' }));
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          delete headers['content-type'];
          delete headers['content-length'];
        }
        url = new URL(location, url);
        continue;
      }
      const responseHeaders = new Headers();
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      const response = new Response(NULL_BODY.has(status) ? null : data, { status, headers: responseHeaders });
      Object.defineProperty(response, 'url', { value: url.toString() });
      return response;
    }
  };
}
