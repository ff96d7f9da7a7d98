#!/usr/bin/env node
// A container healthcheck with nothing but Node (the image has no curl): exits 0 when
// HEALTHCHECK_URL (a service's /ready) answers 2xx within 3 s, else 1 with the reason on stderr.
const url = process.env.HEALTHCHECK_URL;
if (!url) {
  process.stderr.write('HEALTHCHECK_URL is not set\n');
  process.exit(1);
}
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
  if (!response.ok) process.stderr.write(`${url}: ${response.status} ${await response.text()}\n`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`${url}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
