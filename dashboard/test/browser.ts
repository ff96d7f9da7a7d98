// The dashboard's end-to-end tests' browser helpers; Chromium itself comes from scripts/lib/chromium.mjs.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium as launch } from '../../scripts/lib/chromium.mjs';

export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/dashboard');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return launch();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Waits until the locator's text contains `text` (Playwright's own `expect` is not in playwright-core). */
export async function waitForText(locator: Locator, text: string | RegExp, timeout = 30_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = ((await locator.textContent({ timeout: 1_000 }).catch(() => null)) ?? '').replace(/\s+/g, ' ');
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${String(text)}; last text was "${last}"`);
}
