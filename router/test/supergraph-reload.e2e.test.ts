/**
 * A schema change without dropping clients: the router serves a supergraph file it watches; when the
 * file changes (or on SIGHUP) it reloads it without a restart, 100 open subscriptions stay open and
 * keep receiving, the new field is served, and an invalid supergraph is refused while the previous
 * one keeps serving.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readSupergraphConfig, SUPERGRAPH_PATH } from '../src/supergraph-config.js';
import { contract } from './contract-operations.js';
import { subscribe, type LiveSubscription } from './live.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

const dir = mkdtempSync(join(tmpdir(), 'supergraph-'));
const path = join(dir, 'supergraph.graphql');
writeFileSync(path, readFileSync(SUPERGRAPH_PATH, 'utf8'));
let platform: Platform;

beforeAll(async () => {
  // 100 sockets on one token: far above what one user may hold, raised for this test.
  platform = await startPlatform({ supergraphPath: path, wsLimits: { connectionsPerUser: 200 } });
});
afterAll(() => platform?.stop());

/** The committed subgraphs composed again, with one more (documented, nullable) field on CRM's Query. */
function supergraphWith(field: string): string {
  const services = readSupergraphConfig().map((entry) => {
    let sdl = readFileSync(entry.schemaPath, 'utf8');
    if (entry.name === 'crm') sdl += `\nextend type Query {\n  "A field added by the reload test."\n  ${field}: String\n}\n`;
    return { name: entry.name, url: entry.routingUrl, typeDefs: parse(sdl) };
  });
  const result = composeServices(services);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

async function queryFields(token: string): Promise<string[]> {
  const data = ok(await gql(platform.url, '{ __type(name: "Query") { fields { name } } }', {}, token));
  return data.__type.fields.map((f: { name: string }) => f.name);
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

describe('supergraph reload', () => {
  it('reloads a changed supergraph file with 100 open subscriptions: none drops, all keep receiving, the new field is served', async () => {
    const { signUp } = ok(
      await gql(platform.url, contract.SignUp, {
        input: {
          companyName: 'Reload Co',
          name: 'Rita',
          email: `rita-${randomUUID()}@example.com`,
          password: 'a long enough password',
          plan: 'BUSINESS',
        },
      }),
    );
    const token = signUp.token as string;
    const call = (query: string, variables: Record<string, unknown>) => gql(platform.url, query, variables, token).then(ok<any>);
    const { createContact } = await call(contract.CreateContact, { input: { name: 'Reload Buyer' } });
    const invoice = (description: string) =>
      call(contract.CreateInvoice, {
        input: { contactId: createContact.contact.id, currency: 'EUR', lines: [{ description, quantity: '1', unitPrice: '10.00' }] },
      });

    const subscriptions: LiveSubscription[] = Array.from({ length: 100 }, () => subscribe(platform.url, token, contract.InvoiceChanged));
    await eventually(
      async () => platform.router.subscriptions!.active(),
      (active) => active >= 100,
    );
    let closedEarly = 0;
    for (const live of subscriptions) void live.closed.then(() => (closedEarly += 1));
    await invoice('before the reload');
    await Promise.all(subscriptions.map((live) => live.waitFor(1)));

    expect(await queryFields(token)).not.toContain('reloadProbe');
    const started = performance.now();
    writeFileSync(path, supergraphWith('reloadProbe'));
    const fields = await eventually(
      () => queryFields(token),
      (names) => names.includes('reloadProbe'),
    );
    const reloadMs = performance.now() - started;
    expect(fields).toContain('contacts');
    process.stdout.write(
      `supergraph reload (file change to the new field served) with 100 open subscriptions: ${reloadMs.toFixed(0)} ms\n`,
    );

    await invoice('after the reload');
    await Promise.all(subscriptions.map((live) => live.waitFor(2)));
    expect(closedEarly).toBe(0);
    expect(platform.router.subscriptions!.active()).toBe(100);
    for (const live of subscriptions) expect(live.payloads.map((p) => p.data?.invoiceChanged?.status)).toEqual(['DRAFT', 'DRAFT']);

    // The reload itself (the gateway validating the SDL and building a new query planner), called directly.
    const direct = await platform.router.reloadSupergraph(supergraphWith('reloadProbeTwo'));
    expect(direct.ok).toBe(true);
    process.stdout.write(`supergraph reload, the gateway's update alone: ${direct.ok ? direct.ms : '-'} ms\n`);
    expect(platform.router.subscriptions!.active()).toBe(100);

    // SIGHUP reloads too (here: back to the committed supergraph).
    writeFileSync(path, readFileSync(SUPERGRAPH_PATH, 'utf8'));
    process.kill(process.pid, 'SIGHUP');
    await eventually(
      () => queryFields(token),
      (names) => !names.includes('reloadProbe') && !names.includes('reloadProbeTwo'),
    );
    await Promise.all(subscriptions.map((live) => live.dispose()));
  });

  it('refuses an invalid supergraph and keeps serving the previous one', async () => {
    const { signUp } = ok(
      await gql(platform.url, contract.SignUp, {
        input: {
          companyName: 'Refuse Co',
          name: 'Ray',
          email: `ray-${randomUUID()}@example.com`,
          password: 'a long enough password',
          plan: 'BUSINESS',
        },
      }),
    );
    const token = signUp.token as string;
    const before = await queryFields(token);
    const garbage = await platform.router.reloadSupergraph('type Query { this is not a supergraph');
    expect(garbage.ok).toBe(false);
    const notASupergraph = await platform.router.reloadSupergraph('type Query { hello: String }');
    expect(notASupergraph.ok).toBe(false);
    expect(await queryFields(token)).toEqual(before);
    const { contacts } = ok(await gql(platform.url, '{ contacts(first: 1) { totalCount } }', {}, token));
    expect(contacts.totalCount).toBe(0);
    const metrics = await fetch(platform.url.replace(/\/graphql$/, '/metrics')).then((r) => r.text());
    expect(metrics).toMatch(/^tessera_supergraph_reloads_total\{outcome="refused"\} [1-9]/m);
  });
});
