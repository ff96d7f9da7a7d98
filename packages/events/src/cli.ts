/* eslint-disable no-console -- a command-line tool: the console is its interface */
/**
 * `npm run events -- <command>`: operator commands for the event backbone.
 *   dead-letters <module> [--all]   list a module's dead letters (--all includes replayed ones)
 *   replay <module> <id>            republish one dead letter to its subject
 *   catalogue [--check]             write the README's event catalogue from the contracts (--check: fail when stale)
 * Uses DATABASE_URL / DATABASE_PREFIX and NATS_URL / EVENTS_NAMESPACE like the services.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { connectEventBus, eventBusEnvSchema } from './bus.js';
import { replaceCatalogue } from './catalogue.js';
import { listDeadLetters, replayDeadLetter } from './dead-letters.js';

const [command, module, arg] = process.argv.slice(2);
const env = eventBusEnvSchema.parse(process.env);
const logger = { debug() {}, info() {}, warn: console.warn, error: console.error };

function usage(): never {
  console.error('usage: npm run events -- dead-letters <module> [--all] | replay <module> <dead-letter-id>');
  process.exit(2);
}

if (command === 'catalogue') {
  // The contracts modules keep in their own folders register when their definitions load.
  const readme = new URL('../../../README.md', import.meta.url);
  const current = readFileSync(readme, 'utf8');
  const next = replaceCatalogue(current);
  if (module === '--check') {
    if (next !== current) {
      console.error('README.md: the event catalogue is stale: run `npm run events -- catalogue`');
      process.exit(1);
    }
  } else if (next !== current) {
    writeFileSync(readme, next);
    console.log('wrote the event catalogue into README.md');
  } else console.log('README.md: the event catalogue is up to date');
  process.exit(0);
}
if (!module) usage();
if (command === 'dead-letters') {
  const letters = await listDeadLetters(module, { includeReplayed: arg === '--all' });
  if (letters.length === 0) console.log(`${module}: no dead letters`);
  for (const letter of letters) {
    console.log(
      [
        letter.id,
        letter.failed_at.toISOString(),
        letter.consumer,
        `${letter.stream}#${letter.stream_seq}`,
        letter.type ?? '(unparsed)',
        `tenant=${letter.tenant_id ?? '?'}`,
        `deliveries=${letter.deliveries}`,
        letter.replayed_at ? `replayed=${letter.replayed_at.toISOString()}` : '',
        `error=${letter.error}`,
      ]
        .filter(Boolean)
        .join('  '),
    );
  }
} else if (command === 'replay' && arg) {
  const bus = await connectEventBus({ url: env.NATS_URL, namespace: env.EVENTS_NAMESPACE, name: 'events-cli', user: 'operator', logger });
  try {
    const result = await replayDeadLetter(bus, module, arg);
    console.log(result.replayed ? `replayed ${arg}` : `not replayed: ${result.reason}`);
    if (!result.replayed) process.exitCode = 1;
  } finally {
    await bus.close();
  }
} else {
  usage();
}
