/**
 * GraphQL subscriptions at the router, which @apollo/gateway cannot execute: graphql-ws
 * (`graphql-transport-ws`) on the same URL as queries.
 *
 * - `connection_init` carries `{ authorization: "Bearer <token>" }`, checked like an HTTP request;
 *   without a valid one the socket is closed (4403). When the token expires the socket is closed
 *   (4401); access is re-checked every 30 s, and a deactivated user is disconnected (4403).
 * - A subscription root field names a source: the JetStream subject it follows, always filtered to
 *   the caller's tenant on the server side, whatever the client sends, and the query that turns each
 *   event into the payload. The payload's selection runs through the federated graph as the caller,
 *   so fields of other modules resolve (`invoiceChanged { contact { name } }` reads CRM), module
 *   entitlements and roles apply exactly as for queries, and a module that is down leaves its fields
 *   null with an error while the stream goes on.
 * - Subscribers share one JetStream consumer per tenant and subject (LiveFeeds), and subscribers
 *   with the same selection share one execution per event.
 * - A client that does not keep up (more than `maxPending` payloads waiting, or over 1 MiB unsent)
 *   is disconnected with 4008 and a reason, instead of growing the router's memory.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import {
  GraphQLError,
  Kind,
  parse,
  print,
  visit,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { context as otelContext } from '@opentelemetry/api';
import { contextOfEnvelope, subjectFilterOf, type EventBus, type EventEnvelope, type EventType } from '@tessera/events';
import { gauge, MAX_BODY_BYTES, type Logger } from '@tessera/service-kit';
import type { RouterContext } from './context.js';
import type { FieldOwnership } from './entitlements.js';
import { LiveFeeds } from './live-feeds.js';
import { MAX_TOKENS, operationLimits, type OperationLimits } from './limits.js';
import type { Resolution } from './trusted-documents.js';

/** How a subscription root field is fed: which events, and which query makes the payload. */
interface SubscriptionSource {
  /** The stream's module and the subject filter for one tenant. */
  module: string;
  filter(tenantId: string, namespace: string): string;
  /** The query field that produces the payload for an event, with its arguments as variables. */
  payload(event: EventEnvelope, args: Record<string, unknown>): { field: string; args: { name: string; type: string; value: unknown }[] };
  /** Only the latest state matters: while a payload waits to run, further events add nothing. */
  coalesce?: boolean;
  /**
   * An event whose payload field comes back null without an error is not pushed (it is not about
   * anything the subscriber can see, e.g. an event that made no activity item): for payload fields
   * that are nullable in Query but not in Subscription.
   */
  skipNull?: boolean;
}

/** `<module>.<tenant>.<rest>` for a tenant: a type's filter with the tenant in place of `*`. */
function tenantFilter(type: EventType, tenantId: string, namespace: string, entityWildcard = false): string {
  const filter = subjectFilterOf(type, namespace).replace('.*.', `.${tenantId}.`);
  return entityWildcard ? filter.replace(/\.[^.]+$/, '.*') : filter;
}

function lastDays(days: number): { from: string; to: string } {
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export const SUBSCRIPTION_SOURCES: Record<string, SubscriptionSource> = {
  /** Every change of an invoice of the tenant (created, updated, sent, payment, paid, voided). */
  invoiceChanged: {
    module: 'invoicing',
    filter: (tenantId, namespace) => tenantFilter('invoicing.invoice.created', tenantId, namespace, true),
    payload: (event) => ({ field: 'invoice', args: [{ name: 'id', type: 'ID!', value: event.subjectId }] }),
  },
  /** The tenant's dashboard, each time analytics has applied an event to it. */
  dashboardUpdated: {
    module: 'analytics',
    filter: (tenantId, namespace) => tenantFilter('analytics.dashboard.updated', tenantId, namespace),
    coalesce: true,
    payload: (_event, args) => ({
      field: 'dashboard',
      args: [{ name: 'range', type: 'DateRangeInput!', value: args.range ?? lastDays(30) }],
    }),
  },
  /**
   * Each new item of the tenant's activity feed: analytics records `analytics.dashboard.updated` in the
   * transaction that records the item, whose id is the event's `causeId`. Events of types that make no
   * item (the item is null) are skipped. Never coalesced: every item counts.
   */
  activityRecorded: {
    module: 'analytics',
    filter: (tenantId, namespace) => tenantFilter('analytics.dashboard.updated', tenantId, namespace),
    skipNull: true,
    payload: (event) => ({
      field: 'activityItem',
      args: [{ name: 'id', type: 'ID!', value: (event as EventEnvelope<'analytics.dashboard.updated'>).data.causeId }],
    }),
  },
};

export interface SubscriptionServerOptions {
  httpServer: Server;
  /** The API schema now (it changes when the supergraph is reloaded). */
  schema: () => GraphQLSchema;
  ownership: () => FieldOwnership;
  bus: EventBus;
  logger: Logger;
  limits?: Partial<OperationLimits>;
  /** Keep "Did you mean ..." out of validation errors (where introspection is off). */
  hideSuggestions?: boolean;
  /** Payloads waiting for one subscriber before it is disconnected as too slow. */
  maxPending?: number;
  /** Checks `Bearer <token>`; null when it is missing, invalid or expired. */
  authenticate(authorization: string | undefined): Promise<{ context: RouterContext; expiresAt: number } | null>;
  /** Whether the caller may still use the platform (user active, tenant there). */
  stillAllowed(context: RouterContext): Promise<boolean>;
  /** Runs a query or mutation through the gateway as the caller. */
  execute(document: string, variables: Record<string, unknown> | undefined, context: RouterContext): Promise<ExecutionResult>;
  /** Bounds on what one caller can hold open (defaults: WEBSOCKET_LIMITS). */
  wsLimits?: Partial<WebSocketLimits>;
  /** The operation text of a subscribe payload (a trusted document's, by `documentId`), or why it may not run. */
  resolveOperation?(payload: { query?: unknown; documentId?: unknown }, origin: string | undefined, context: RouterContext): Resolution;
}

/** What a caller may hold open over WebSocket, so no one connection or tenant can swamp the router. */
export interface WebSocketLimits {
  /** The largest message a client may send (the HTTP body cap). */
  maxPayloadBytes: number;
  /** Open connections per user (or API key). */
  connectionsPerUser: number;
  /** Open connections per tenant. */
  connectionsPerTenant: number;
  /** Live subscriptions per connection. */
  subscriptionsPerConnection: number;
  /**
   * Distinct selections of one subscription field per tenant: each is one federated execution per
   * event, so beyond it a new selection is refused (the same selection shares the one execution).
   */
  distinctSelectionsPerField: number;
}

export const WEBSOCKET_LIMITS: WebSocketLimits = {
  maxPayloadBytes: MAX_BODY_BYTES,
  connectionsPerUser: 20,
  connectionsPerTenant: 500,
  subscriptionsPerConnection: 50,
  distinctSelectionsPerField: 20,
};

/** Counts per key; `take` refuses beyond `limit`, the release function gives the slot back (once). */
class Slots {
  private readonly counts = new Map<string, number>();
  size(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  take(key: string, limit: number): (() => void) | null {
    const count = this.size(key);
    if (count >= limit) return null;
    this.counts.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = this.size(key) - 1;
      if (now <= 0) this.counts.delete(key);
      else this.counts.set(key, now);
    };
  }
}

interface LiveCounts {
  connections(): number;
  subscriptions(): number;
  feeds(): number;
}
/** The subscription servers of this process (a test may run several routers), for the live gauges. */
const liveServers = new Set<LiveCounts>();

function observeLive(counts: LiveCounts): void {
  liveServers.add(counts);
  const sum = (read: (c: LiveCounts) => number) => [...liveServers].reduce((total, c) => total + read(c), 0);
  gauge('tessera_live_connections', 'Open graphql-ws connections', [], function () {
    this.set(sum((c) => c.connections()));
  });
  gauge('tessera_live_subscriptions', 'Live subscriptions being served', [], function () {
    this.set(sum((c) => c.subscriptions()));
  });
  gauge('tessera_live_feeds', 'Shared JetStream consumers feeding live subscriptions (one per tenant and subject)', [], function () {
    this.set(sum((c) => c.feeds()));
  });
}

type ConnectionExtra = {
  router?: RouterContext;
  timers?: NodeJS.Timeout[];
  /** What each of its subscriptions holds (a slot, a distinct selection), given back when it ends. */
  held?: Map<string, () => void>;
} & Record<PropertyKey, unknown>;

const CLOSE = {
  forbidden: 4403,
  expired: 4401,
  slow: 4008,
  tooMany: 4429,
} as const;

/** Attaches the graphql-ws server to the router's HTTP server; returns what stops it. */
export function attachSubscriptions(options: SubscriptionServerOptions) {
  const { logger } = options;
  const maxPending = options.maxPending ?? 100;
  /** Subscriptions open now: each can stop taking events and say when its pushes are out (drain). */
  const open = new Set<{ stopListening(): void; settled(): Promise<void> }>();
  const limits = { ...WEBSOCKET_LIMITS, ...options.wsLimits };
  // Messages over the cap close the socket (1009), like an HTTP body over it is refused.
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: limits.maxPayloadBytes });
  const perUser = new Slots();
  const perTenant = new Slots();
  /** Distinct selections per tenant and field, each with how many subscriptions use it. */
  const selections = new Map<string, Map<string, number>>();
  function holdSelection(key: string, selection: string): (() => void) | null {
    let inUse = selections.get(key);
    if (!inUse) selections.set(key, (inUse = new Map()));
    const users = inUse.get(selection) ?? 0;
    if (users === 0 && inUse.size >= limits.distinctSelectionsPerField) return null;
    inUse.set(selection, users + 1);
    let released = false;
    return () => {
      if (released || !inUse) return;
      released = true;
      const left = (inUse.get(selection) ?? 1) - 1;
      if (left <= 0) inUse.delete(selection);
      else inUse.set(selection, left);
      if (inUse.size === 0) selections.delete(key);
    };
  }
  const feeds = new LiveFeeds(options.bus, logger);
  const served = { connections: () => wsServer.clients.size, subscriptions: () => open.size, feeds: () => feeds.size };
  observeLive(served);
  const rules = [...specifiedRules, operationLimits(options.limits)];
  /** Executions shared by subscribers with the same selection, per event (dropped once settled). */
  const shared = new Map<string, Promise<ExecutionResult>>();

  function sharedExecution(key: string, run: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    const existing = shared.get(key);
    if (existing) return existing;
    const started = run().finally(() => setTimeout(() => shared.delete(key), 1000).unref());
    shared.set(key, started);
    return started;
  }

  /**
   * The payload stream of one subscription. A hand-written iterator, not an async generator: a
   * generator parked on `await` cannot be returned until its next value, so a client that leaves
   * would keep its feed open until the next event.
   */
  function stream(args: ExecutionArgs, socket: WebSocket): AsyncIterableIterator<ExecutionResult> {
    const done = (): Promise<IteratorResult<ExecutionResult>> => Promise.resolve({ value: undefined, done: true });
    const single = (result: ExecutionResult): AsyncIterableIterator<ExecutionResult> => {
      let sent = false;
      return {
        next: () => (sent ? done() : ((sent = true), Promise.resolve({ value: result, done: false }))),
        return: done,
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    };
    const context = args.contextValue as RouterContext;
    const operation = args.document.definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
    );
    const field = operation?.selectionSet.selections[0] as FieldNode | undefined;
    const source = field ? SUBSCRIPTION_SOURCES[field.name.value] : undefined;
    if (!operation || !field || !source || !context.caller.tenantId) {
      return single({ errors: [new GraphQLError(`No live source for ${field?.name.value ?? 'this subscription'}`)] });
    }
    const tenantId = context.caller.tenantId;
    const fieldArgs = argumentValues(field, args.variableValues ?? {});
    const responseKey = field.alias?.value ?? field.name.value;
    const fragments = args.document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);

    const queue: ExecutionResult[] = [];
    let waiting: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
    let pending = 0;
    let waitingToRun = false;
    let chain = Promise.resolve();
    let closed = false;
    const push = (result: ExecutionResult) => {
      if (closed) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        pending -= 1;
        resolve({ value: result, done: false });
      } else queue.push(result);
    };
    const finish = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      open.delete(handle);
      waiting?.({ value: undefined, done: true });
      waiting = null;
    };
    let listening = true;
    const handle = {
      stopListening: () => {
        listening = false;
      },
      settled: () => chain,
    };
    open.add(handle);
    const filter = source.filter(tenantId, options.bus.namespace);
    // Resuming: the cursor names a position on the source's stream; what follows it is replayed first.
    const resumeAfter = fieldArgs.after === undefined || fieldArgs.after === null ? null : parseCursor(fieldArgs.after, source.module);
    if (resumeAfter === 'invalid') {
      open.delete(handle);
      return single({
        errors: [
          new GraphQLError('Invalid cursor: pass a cursor from this subscription’s payloads (`extensions.cursor`)', {
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        ],
      });
    }
    /** The last stream position delivered: every event is handled once, in stream order. */
    let delivered = resumeAfter ?? 0;
    let replaying = resumeAfter !== null;
    const buffered: { event: EventEnvelope; seq: number }[] = [];
    const handleEvent = (event: EventEnvelope, seq: number, live: boolean) => {
      if (closed || !listening || seq <= delivered) return;
      delivered = seq;
      const cursor = cursorOf(source.module, seq);
      if (source.coalesce && waitingToRun) {
        latestCursor = cursor;
        return;
      }
      pending += 1;
      if (live && (pending > maxPending || socket.bufferedAmount > 1024 ** 2)) {
        finish();
        socket.close(CLOSE.slow, `Subscriber too slow: more than ${maxPending} updates waiting`);
        return;
      }
      const { field: target, args: targetArgs } = source.payload(event, fieldArgs);
      const document = payloadQuery(operation, field, target, targetArgs, fragments);
      const variables = { ...(args.variableValues ?? {}), ...Object.fromEntries(targetArgs.map((a) => [`__${a.name}`, a.value])) };
      const key = `${event.id}|${tenantId}|${context.caller.role}|${context.enabledModules.join()}|${document}|${JSON.stringify(variables)}`;
      // Payloads leave in event order, whatever order their queries finish in.
      waitingToRun = true;
      latestCursor = cursor;
      chain = chain.then(async () => {
        waitingToRun = false;
        // A coalesced payload stands for every event up to the latest one seen; any other, for its own.
        const payloadCursor = source.coalesce ? latestCursor : cursor;
        // A subscriber that left (or was dropped as too slow) needs none of what was queued for it.
        if (closed) return;
        // The push continues the event's trace.
        const result: ExecutionResult = await sharedExecution(key, () =>
          otelContext.with(contextOfEnvelope(event), () => options.execute(document, variables, context)),
        ).catch((error: unknown): ExecutionResult => ({
          errors: [new GraphQLError(error instanceof Error ? error.message : 'payload failed')],
        }));
        const data = (result.data as Record<string, unknown> | null | undefined)?.[responseKey];
        if (source.skipNull && data == null && !result.errors?.length) {
          pending -= 1;
          return;
        }
        push({
          data: { [responseKey]: data ?? null } as Record<string, unknown>,
          ...(result.errors?.length ? { errors: result.errors } : {}),
          extensions: { cursor: payloadCursor },
        });
      });
    };
    let latestCursor = '';
    const unsubscribe = feeds.listen(source.module, filter, tenantId, (event, seq) => {
      if (replaying) buffered.push({ event, seq });
      else handleEvent(event, seq, true);
    });
    if (resumeAfter !== null) {
      void feeds
        .replay(
          source.module,
          filter,
          tenantId,
          resumeAfter,
          async (event, seq) => {
            handleEvent(event, seq, false);
            // The backlog waits for the subscriber rather than dropping it as too slow.
            while (!closed && pending >= Math.max(1, Math.floor(maxPending / 2))) await new Promise((resolve) => setTimeout(resolve, 5));
          },
          () => closed,
        )
        .catch((error: unknown) => {
          logger.warn({ err: error }, 'cannot replay a resumed subscription; it continues live');
        })
        .finally(() => {
          replaying = false;
          for (const { event, seq } of buffered.splice(0)) handleEvent(event, seq, true);
        });
    }
    return {
      next() {
        const next = queue.shift();
        if (next) {
          pending -= 1;
          return Promise.resolve({ value: next, done: false });
        }
        if (closed) return done();
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return() {
        finish();
        return done();
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  const disposable = useServer<{ authorization?: unknown }, ConnectionExtra>(
    {
      schema: () => options.schema(),
      onConnect: async (ctx) => {
        const authorization = typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
        const auth = await options.authenticate(authorization);
        if (!auth) return false;
        ctx.extra.router = auth.context;
        const socket = ctx.extra.socket;
        const { caller } = auth.context;
        const userSlot = perUser.take(`${caller.tenantId}:${caller.apiKeyId ?? caller.userId}`, limits.connectionsPerUser);
        const tenantSlot = userSlot ? perTenant.take(caller.tenantId ?? '', limits.connectionsPerTenant) : null;
        if (!userSlot || !tenantSlot) {
          userSlot?.();
          socket.close(
            CLOSE.tooMany,
            userSlot
              ? `Too many connections for this tenant (limit ${limits.connectionsPerTenant})`
              : `Too many connections for this user (limit ${limits.connectionsPerUser})`,
          );
          return false;
        }
        ctx.extra.held = new Map();
        socket.once('close', () => {
          userSlot();
          tenantSlot();
          for (const release of ctx.extra.held?.values() ?? []) release();
        });
        const untilExpiry = Math.max(0, auth.expiresAt * 1000 - Date.now());
        const expiry = setTimeout(() => socket.close(CLOSE.expired, 'Token expired'), Math.min(untilExpiry, 2 ** 31 - 1));
        const recheck = setInterval(() => {
          void options.stillAllowed(auth.context).then((allowed) => {
            if (!allowed) socket.close(CLOSE.forbidden, 'Access revoked');
          });
        }, 30_000);
        ctx.extra.timers = [expiry, recheck];
        socket.once('close', () => ctx.extra.timers?.forEach((timer) => clearTimeout(timer)));
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const context = ctx.extra.router;
        if (!context) return forWs([new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED' } })]);
        const resolved = options.resolveOperation?.(payload, ctx.extra.request.headers.origin, context) ?? {
          ok: true as const,
          query: payload.query,
          trusted: false,
        };
        if (!resolved.ok) return forWs([new GraphQLError(resolved.message, { extensions: { code: resolved.code } })]);
        let document: DocumentNode;
        try {
          document = parse(resolved.query ?? '', { maxTokens: MAX_TOKENS });
        } catch (error) {
          return forWs([error instanceof Error ? error : new Error('Syntax error')]);
        }
        const schema = options.schema();
        const errors = validate(schema, document, rules, { hideSuggestions: options.hideSuggestions ?? false });
        if (errors.length > 0) return forWs(errors);
        try {
          options.ownership().assertEntitled(document, context.enabledModules);
        } catch (error) {
          return forWs([error as Error]);
        }
        const held = ctx.extra.held ?? new Map<string, () => void>();
        if (held.size >= limits.subscriptionsPerConnection) {
          return forWs([tooMany(`Too many subscriptions on this connection (limit ${limits.subscriptionsPerConnection})`)]);
        }
        const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
        if (operation?.operation === 'mutation' && context.apiKeyAccess === 'READ') {
          return forWs([new GraphQLError('This API key has READ access: it may not run mutations', { extensions: { code: 'FORBIDDEN' } })]);
        }
        if (operation?.operation === 'subscription') {
          const field = operation.selectionSet.selections[0] as FieldNode | undefined;
          const key = `${context.caller.tenantId}|${field?.name.value}`;
          const release = holdSelection(key, `${print(document)}|${JSON.stringify(payload.variables ?? {})}`);
          if (!release) {
            return forWs([
              tooMany(
                `Too many different selections of ${field?.name.value} in this tenant (limit ${limits.distinctSelectionsPerField}): subscribe with one already in use, or fewer`,
              ),
            ]);
          }
          held.set(_id, release);
        }
        return {
          schema,
          document,
          operationName: payload.operationName ?? undefined,
          variableValues: payload.variables ?? undefined,
          // The caller's context, plus the socket (to disconnect a subscriber that does not keep up).
          contextValue: { ...context, socket: ctx.extra.socket },
        };
      },
      onComplete: (ctx, id) => {
        ctx.extra.held?.get(id)?.();
        ctx.extra.held?.delete(id);
      },
      // Queries and mutations over the socket go through the gateway like HTTP ones.
      execute: (args) => options.execute(print(args.document), args.variableValues ?? undefined, args.contextValue as RouterContext),
      subscribe: (args) => stream(args, socketOf(args)),
    },
    wsServer,
  );

  function socketOf(args: ExecutionArgs): WebSocket {
    return (args.contextValue as { socket: WebSocket }).socket;
  }

  return {
    feeds,
    connections: () => wsServer.clients.size,
    /** Subscriptions being served now. */
    active: () => open.size,
    /**
     * Drains: no new connections, subscriptions stop taking events, the payloads already on their
     * way are pushed (within `graceMs`), then every socket closes with 1001 (going away), which
     * graphql-ws clients answer by reconnecting (to another instance).
     */
    async close(graceMs = 5_000): Promise<void> {
      for (const subscription of open) subscription.stopListening();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...open].map((subscription) => subscription.settled())), grace]);
      for (const client of wsServer.clients) client.close(1001, 'Router shutting down');
      liveServers.delete(served);
      await disposable.dispose();
      await feeds.close();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

/**
 * Errors as graphql-ws recognises them: instances of the GraphQLError class of the graphql build it
 * loads (the CommonJS one), which under some loaders is not the class this module imported.
 */
const WsGraphQLError = createRequire(import.meta.url)('graphql').GraphQLError as typeof GraphQLError;
function tooMany(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'RATE_LIMITED' } });
}

function forWs(errors: readonly Error[]): GraphQLError[] {
  return errors.map((error) => {
    const { extensions, path } = error as Partial<GraphQLError>;
    return new WsGraphQLError(error.message, { ...(extensions ? { extensions } : {}), ...(path ? { path } : {}) });
  });
}

/** The field's argument values, with variables substituted (literals of input objects included). */
function argumentValues(field: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const argument of field.arguments ?? []) {
    values[argument.name.value] = valueOf(argument.value, variables);
  }
  return values;
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value, variables)]));
    case Kind.LIST:
      return node.values.map((v) => valueOf(v, variables));
    case Kind.NULL:
      return null;
    case Kind.INT:
      return Number(node.value);
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.BOOLEAN:
      return node.value;
    default:
      return node.value;
  }
}

/**
 * The query that makes one payload: `query(<the subscription's variables>, $__id: ID!) {
 * <alias>: invoice(id: $__id) { <the subscription's selection> } }` plus its fragments.
 */
function payloadQuery(
  operation: OperationDefinitionNode,
  field: FieldNode,
  target: string,
  args: { name: string; type: string }[],
  fragments: DocumentNode['definitions'],
): string {
  const template = parse(
    `query${args.length ? `(${args.map((a) => `$__${a.name}: ${a.type}`).join(', ')})` : ''} { ${target}${
      args.length ? `(${args.map((a) => `${a.name}: $__${a.name}`).join(', ')})` : ''
    } { __typename } }`,
  );
  const query = template.definitions[0] as OperationDefinitionNode;
  const targetField = query.selectionSet.selections[0] as FieldNode;
  // Only the subscription's variables its selection uses (its field's arguments are replaced).
  const used = new Set<string>();
  for (const node of [field.selectionSet, ...fragments]) {
    if (node) visit(node, { Variable: (variable) => void used.add(variable.name.value) });
  }
  const variableDefinitions: VariableDefinitionNode[] = [
    ...(operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value)),
    ...(query.variableDefinitions ?? []),
  ];
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        ...query,
        variableDefinitions,
        selectionSet: {
          ...query.selectionSet,
          selections: [
            { ...targetField, alias: { kind: Kind.NAME, value: field.alias?.value ?? field.name.value }, selectionSet: field.selectionSet },
          ],
        },
      },
      ...fragments,
    ],
  };
  return print(document);
}

/** A subscription cursor: the source's stream and a position on it, opaque to clients. */
export function cursorOf(module: string, seq: number): string {
  return Buffer.from(`${module}:${seq}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or 'invalid' when it is not one of this source's. */
export function parseCursor(cursor: unknown, module: string): number | 'invalid' {
  if (typeof cursor !== 'string' || cursor.length > 100) return 'invalid';
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^([a-z][a-z0-9_]*):(\d{1,15})$/.exec(decoded);
  if (!match || match[1] !== module) return 'invalid';
  return Number(match[2]);
}
