/**
 * The dashboard: the static build of `web/` (React + Vite, made by `npm run build`) under `/app/`, with every
 * unknown `/app/...` path answered by `index.html` so client-side routes survive a reload. `/` redirects
 * there. The API stays under `/v1`; the page signs in with an API key like any other client.
 *
 * Caching: the built scripts and stylesheets under `/app/assets/` have a content hash in their name, so they
 * are cached for a year and never revalidated; `index.html` (which names them) is revalidated on every
 * load, so a new build shows at once. The build writes `.br` / `.gz` beside each asset and they are sent to
 * browsers that accept them.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `web/dist` at the package root: two folders up from both `src/http` (tsx) and `dist/http` (built). */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export async function dashboardRoutes(app: FastifyInstance, options: { root?: string } = {}): Promise<void> {
  const root = options.root ?? DASHBOARD_DIR;
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/'));
  if (!existsSync(`${root}/index.html`)) {
    app.get('/app/*', { schema: { hide: true } }, async (_request, reply) =>
      reply.status(503).type('text/plain').send('The dashboard is not built: run `npm run build` (it runs on `npm install` too).'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/app/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/app', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/'));
  // Client-side routes: anything under /app/ that is not a file is the app shell.
  app.get('/app/*', { schema: { hide: true } }, async (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html', root));
}
