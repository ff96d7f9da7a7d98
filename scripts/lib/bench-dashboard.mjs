// Dashboard benchmarks: the production bundle's size (gzip, what a first visit downloads and the
// whole app), and the time from pressing "Log in" to a rendered overview in a real headless Chromium.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startDashboardServer } from '../../dashboard/server.mjs';
import { CHROMIUM_PATH, launchChromium } from './chromium.mjs';

const kib = (bytes) => Number((bytes / 1024).toFixed(1));

/** Gzip sizes of dashboard/dist: the files index.html loads up front, and every asset. */
export function dashboardBundleSize(root) {
  const dist = resolve(root, 'dashboard/dist');
  const html = readFileSync(resolve(dist, 'index.html'), 'utf8');
  const assets = readdirSync(resolve(dist, 'assets')).filter((file) => /\.(js|css)$/.test(file));
  const gzip = (file) => gzipSync(readFileSync(resolve(dist, 'assets', file)), { level: 9 }).length;
  const initial = assets.filter((file) => html.includes(`/assets/${file}`));
  const sum = (files) => files.reduce((total, file) => total + gzip(file), 0);
  return {
    benchmark: 'dashboard production bundle (gzip -9)',
    'first visit KiB (index.html + its JS and CSS)': kib(sum(initial) + gzipSync(html).length),
    'whole app KiB (every JS and CSS chunk)': kib(sum(assets)),
    chunks: assets.length,
  };
}

/** Login → overview with KPIs and both charts' panels rendered, `runs` times in fresh browser contexts. */
export async function benchLoginToOverview({ apiUrl, email, password, runs = 10 }) {
  if (!existsSync(CHROMIUM_PATH)) return { benchmark: 'dashboard login → rendered overview', skipped: `no Chromium at ${CHROMIUM_PATH}` };
  const dashboard = await startDashboardServer({ port: 0, apiUrl });
  const browser = await launchChromium();
  const times = [];
  try {
    for (let i = 0; i < runs + 1; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(new URL('/login', dashboard.url).href);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      const started = performance.now();
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('[data-testid="kpi-revenue"] .kpi-value').waitFor();
      await page.getByRole('heading', { name: 'Pipeline by stage' }).waitFor();
      if (i > 0) times.push(performance.now() - started); // the first run warms the server's caches
      await context.close();
    }
  } finally {
    await browser.close();
    await dashboard.stop();
  }
  times.sort((a, b) => a - b);
  const at = (p) => Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]);
  return {
    benchmark: 'dashboard login → rendered overview (headless Chromium, fresh context each run, includes the Argon2id login)',
    runs,
    'p50 ms': at(50),
    'p95 ms': at(95),
    'max ms': Math.round(times[times.length - 1]),
  };
}
