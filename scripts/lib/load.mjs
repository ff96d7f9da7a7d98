// What every benchmark here drives requests with: one GraphQL call, closed-loop clients, percentiles.

/** Sends one operation over HTTP (a bearer token when given) and returns its data; GraphQL errors throw. */
export async function post(url, query, variables = {}, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The p-th percentile of sorted values. */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** `count` runs (each given its index) by `concurrency` closed-loop clients: req/s and p50/p99 ms. */
export async function closedLoop(count, concurrency, run) {
  const durations = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await run(i);
        durations.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  return { rps: count / seconds, p50: percentile(durations, 50), p99: percentile(durations, 99) };
}
