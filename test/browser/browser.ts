/**
 * Real Chromium for the dashboard tests: playwright-core (never a downloaded browser) driving the Debian
 * `chromium` at /usr/bin/chromium (`.ci/run` installs it). Screenshots go to test-artifacts/ (gitignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = join(root, 'test-artifacts', 'dashboard');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
}

/** Builds web/dist when it is missing (a fresh clone before `npm run build`); `npm install` builds it already. */
export async function ensureDashboardBuilt(): Promise<void> {
  if (existsSync(join(root, 'web', 'dist', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ root: join(root, 'web'), configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
