/**
 * Calling a module's subgraph as a signed caller, the helpers every module's tests share, and reading
 * what a test caused in the module's own database (as the app role, in a tenant transaction: row-level
 * security applies to the test as to the service).
 */
import type { EventEnvelope, EventType } from '@tessera/events';
import { inTenantTransaction, type RawExecutor, type TransactionalClient } from '@tessera/prisma';
import type { CallerContext, UserError } from '@tessera/service-kit';
import { callSubgraph, expectData } from './index.js';

/** The selection of a payload's user errors. */
export const USER_ERRORS = 'userErrors { field message code }';
export type UserErrorShape = UserError;

/** The codes of a payload's user errors, in order. */
export const codesOf = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((error) => error.code);

/** `mutation($input: <Name>Input!) { name(input: $input) { <selection> } }`, the shape of every module's mutations. */
const mutationDocument = (name: string, selection: string, inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`;

/**
 * Runs a mutation `name(input: $input) { <selection> }` and returns its payload (GraphQL errors fail
 * the test). The input type is `<Name>Input` unless `inputType` says otherwise.
 */
export async function mutate<T>(
  url: string,
  caller: CallerContext | null,
  name: string,
  selection: string,
  input: unknown,
  inputType?: string,
): Promise<T> {
  const data = expectData(await callSubgraph<Record<string, T>>(url, caller, mutationDocument(name, selection, inputType), { input }));
  return data[name] as T;
}

/** Runs a query and returns its data (GraphQL errors fail the test). */
export async function query<T>(
  url: string,
  caller: CallerContext | null,
  document: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  return expectData(await callSubgraph<T>(url, caller, document, variables));
}

/** Runs `work` in a transaction bound to a tenant, as the app role (row-level security applies). */
export function asTenant<Tx extends RawExecutor, T>(
  db: TransactionalClient<Tx>,
  tenantId: string,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return inTenantTransaction(db, tenantId, work);
}

/** An outbox row as a module's Prisma client reads it. */
interface OutboxRow {
  type: string;
  subject: string;
  subjectId: string;
  envelope: unknown;
  publishedAt: Date | null;
}

/** What the tenant's changes recorded in the module's outbox, in recording order (optionally of one type). */
export async function recordedEvents<Tx extends RawExecutor & { outboxEvent: { findMany(args: object): Promise<OutboxRow[]> } }>(
  db: TransactionalClient<Tx>,
  tenantId: string,
  type?: EventType,
): Promise<{ type: string; subject: string; subjectId: string; data: Record<string, unknown>; envelope: EventEnvelope }[]> {
  const rows = await inTenantTransaction(db, tenantId, (tx) =>
    tx.outboxEvent.findMany({ where: { tenantId, ...(type ? { type } : {}) }, orderBy: { seq: 'asc' } }),
  );
  return rows.map((row) => {
    const envelope = row.envelope as EventEnvelope;
    return { type: row.type, subject: row.subject, subjectId: row.subjectId, data: envelope.data as Record<string, unknown>, envelope };
  });
}

/**
 * Runs a mutation that must be refused with a GraphQL error (the permission table's FORBIDDEN, for
 * one) and returns the errors' codes; a mutation that answers data fails the test.
 */
export async function refusedCodes(
  url: string,
  caller: CallerContext | null,
  name: string,
  selection: string,
  input: unknown,
  inputType?: string,
): Promise<string[]> {
  const response = await callSubgraph<Record<string, unknown>>(url, caller, mutationDocument(name, selection, inputType), { input });
  if (response.data?.[name]) throw new Error(`${name} was not refused: ${JSON.stringify(response.data[name])}`);
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}
