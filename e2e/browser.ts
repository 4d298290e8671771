/** Launches Debian's Chromium through playwright-core, offline-safe, and records every request it makes. */
import { type Browser, chromium, type Page } from 'playwright-core';

/** The server under test (set by scripts/run-e2e.ts). */
export const baseUrl = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';

/** Launch headless Chromium with the flags this machine needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Collect the URLs of every request a page makes that leaves the server under test. */
export function watchExternalRequests(page: Page): string[] {
  const external: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
  });
  return external;
}
