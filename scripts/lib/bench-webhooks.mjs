// The webhooks table of `npm run bench` (issue 15's figures), against the running platform and a
// receiver on loopback that answers 200 at once:
// - deliveries per second: 300 contacts created as fast as 8 clients can, 10 endpoints each -> 3,000 deliveries;
// - commit -> delivery at 20 and at 100 events/s offered: contacts created on a fixed pace, one endpoint; the delay
//   is the receipt time minus the event's occurredAt (stamped in the change's transaction);
// - memory with 1,000 endpoints: the RSS of the process running the webhooks module before and after
//   registering 1,000 more endpoints and delivering a burst through them.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { percentile, post } from './load.mjs';

const rssMiB = (pid) =>
  Number(
    execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
      .toString()
      .trim(),
  ) / 1024;

const CREATE_ENDPOINT =
  'mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } userErrors { code message } } }';
const CREATE_CONTACT = 'mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }';

export async function benchWebhooks({ url, pid, log }) {
  const call = (query, variables, token) => post(url, query, variables, token);
  const arrivals = [];
  const receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      arrivals.push({ at: Date.now(), body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${receiver.address().port}/hook`;
  const signUp = async (name) =>
    (
      await call('mutation($i: SignUpInput!) { signUp(input: $i) { token } }', {
        i: {
          companyName: name,
          name: 'Bench',
          email: `hooks-${randomUUID()}@example.com`,
          password: 'bench password 2026',
          plan: 'BUSINESS',
        },
      })
    ).signUp.token;
  const waitFor = async (count, ms = 180_000) => {
    const until = Date.now() + ms;
    while (arrivals.length < count && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    if (arrivals.length < count) throw new Error(`webhooks: ${arrivals.length} of ${count} deliveries within ${ms / 1000} s`);
  };
  const rows = [];
  try {
    // Throughput: 10 endpoints x 300 events.
    const fast = await signUp('Hooks Throughput');
    for (let i = 0; i < 10; i += 1) await call(CREATE_ENDPOINT, { i: { url: hook, eventTypes: ['crm.contact.created'] } }, fast);
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 300) await call(CREATE_CONTACT, { i: { name: `Hooked ${next++}` } }, fast);
      }),
    );
    await waitFor(3000);
    const seconds = (arrivals[2999].at - started) / 1000;
    rows.push({
      benchmark: 'webhooks: deliveries to a fast local receiver (300 events x 10 endpoints)',
      deliveries: 3000,
      'deliveries/s': (3000 / seconds).toFixed(0),
    });
    log(`webhooks throughput: ${(3000 / seconds).toFixed(0)} deliveries/s`);

    // Latency at an offered rate: 20 events/s (the platform idle otherwise) and 100 events/s.
    for (const [rate, count] of [
      [20, 200],
      [100, 1000],
    ]) {
      arrivals.length = 0;
      const paced = await signUp(`Hooks Latency ${rate}`);
      await call(CREATE_ENDPOINT, { i: { url: hook, eventTypes: ['crm.contact.created'] } }, paced);
      const begin = Date.now();
      const inFlight = [];
      for (let i = 0; i < count; i += 1) {
        const wait = begin + (i * 1000) / rate - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        inFlight.push(call(CREATE_CONTACT, { i: { name: `Paced ${i}` } }, paced));
      }
      await Promise.all(inFlight);
      const offered = count / ((Date.now() - begin) / 1000);
      await waitFor(count);
      const delays = arrivals.map((arrival) => arrival.at - Date.parse(JSON.parse(arrival.body).occurredAt)).sort((a, b) => a - b);
      rows.push({
        benchmark: `webhooks: commit -> delivery at ${rate} events/s offered (${count} events, one endpoint)`,
        'events/s reached': offered.toFixed(0),
        'p50 ms': percentile(delays, 50),
        'p99 ms': percentile(delays, 99),
      });
    }

    // Memory with 1,000 endpoints (100 tenants x 10), then a burst through all of them.
    arrivals.length = 0;
    const before = rssMiB(pid);
    const tokens = [];
    for (let t = 0; t < 100; t += 1) {
      const token = await signUp(`Hooks Tenant ${t}`);
      tokens.push(token);
      for (let e = 0; e < 10; e += 1) await call(CREATE_ENDPOINT, { i: { url: hook, eventTypes: ['crm.contact.created'] } }, token);
    }
    const registered = rssMiB(pid);
    await Promise.all(tokens.map((token, t) => call(CREATE_CONTACT, { i: { name: `Burst ${t}` } }, token)));
    await waitFor(1000);
    rows.push({
      benchmark: 'webhooks: RSS of the process running the webhooks module, 1,000 endpoints (100 tenants x 10)',
      'before MiB': before.toFixed(0),
      'after registering MiB': registered.toFixed(0),
      'after 1,000 deliveries MiB': rssMiB(pid).toFixed(0),
    });
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
  for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
  return rows;
}
