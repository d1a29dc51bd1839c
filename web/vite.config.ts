import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built to web/dist and served by `curb serve` under /app/.
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/v1': 'http://localhost:3000' } },
});
