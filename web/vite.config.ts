import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Writes `.br` and `.gz` beside every built script and stylesheet; `curb serve` sends them to browsers that accept them. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'curb-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir, config.build.assetsDir);
    },
    closeBundle() {
      for (const file of readdirSync(outDir)) {
        if (!/\.(js|css|svg)$/.test(file)) continue;
        const body = readFileSync(join(outDir, file));
        writeFileSync(join(outDir, `${file}.br`), brotliCompressSync(body));
        writeFileSync(join(outDir, `${file}.gz`), gzipSync(body, { level: 9 }));
      }
    },
  };
}

// Built to web/dist and served by `curb serve` under /app/.
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  plugins: [react(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/v1': 'http://localhost:3000' } },
});
