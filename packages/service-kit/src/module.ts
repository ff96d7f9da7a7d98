/**
 * A module, defined once: `defineModule({ manifest, schema, resolvers, db, tenant, consumers })` in
 * `subgraphs/<module>/src/index.ts` is all a module says about how it runs. Everything else (env,
 * Prisma client options, tenant scope, outbox, relay, consumers, probes, metrics, tracing, the
 * subgraph server, shutdown) is the runtime's (`startModule`, and the host that runs any set of
 * modules in one process).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';
import type { z } from 'zod';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parseManifest, type ModuleManifest } from '@tessera/modules';
import { TenantScope, type ModuleClientOptions, type RawExecutor, type TransactionalClient } from '@tessera/prisma';
import { registerEventContracts, type ConsumerDefinition, type EventContract, type Outbox } from '@tessera/events';
import { ErrorCode, TesseraError } from './errors.js';
import type { CallerContext } from './internal-context.js';
import { permissionTableProblems, type PermissionTable } from './permissions.js';
import type { Logger } from './logger.js';
import type { RequestContext } from './subgraph-server.js';
import { References, type ReferenceTx } from './references.js';

/** The part of a module's generated PrismaClient the runtime uses. */
export interface ModuleDb<Tx extends RawExecutor> extends TransactionalClient<Tx> {
  $queryRawUnsafe(query: string): Promise<unknown>;
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
  $disconnect(): Promise<void>;
}

/** What a module's parts are built from (consumers, and every request). */
export interface ModuleDeps<Db, Env> {
  db: Db;
  /** Where the module records its events, in the transaction of the change. */
  outbox: Outbox;
  logger: Logger;
  /** The module's own settings (its `env` shape), parsed once at start. */
  env: Env;
  /** The clock (tests fix it). */
  now: () => Date;
  /** How long a reference check waits for a just-created object (REFERENCE_WAIT_MS). */
  referenceWaitMs?: number;
}

/** What a request of a caller with a tenant is built from. */
export interface TenantDeps<Db, Tx extends RawExecutor, Env> extends ModuleDeps<Db, Env> {
  /** The caller's tenant transactions: `scope.run(tx => ...)` is one unit of work under RLS. */
  scope: TenantScope<Tx>;
  caller: CallerContext & { tenantId: string };
  /** Checks of the ids of other modules' objects a write names, inside the tenant (manifest `references`). */
  references: References;
}

/** The request context every resolver of a module gets. */
export interface ModuleContext<Tenant, Public = undefined> extends RequestContext {
  /** The caller's tenant-bound services; null for a caller without a tenant (see `bound`). */
  tenant: Tenant | null;
  /** What a module offers callers without a tenant (identity's sign-up and login). */
  public: Public;
}

/** A module's background loop: `start` returns at once; `stop` resolves when what it holds is done. */
export interface ModuleWorker {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
}

export interface ModuleDefinitionInput<Db extends ModuleDb<Tx>, Tx extends RawExecutor, Tenant, Public, Env> {
  /** The module's manifest (module.json). */
  manifest: URL;
  /** The module's SDL (schema.graphql), the source of truth. */
  schema: URL;
  resolvers: object;
  /** The module's database client, from the runtime's options (pool, query log). */
  db(options: ModuleClientOptions): Db;
  /** The caller's tenant-bound services, loaders and anything else resolvers use, per request. */
  tenant(deps: TenantDeps<Db, Tx, Env>): Tenant;
  /** What callers without a tenant may use (only modules that serve `anonymousFields`). */
  public?(deps: ModuleDeps<Db, Env> & { caller: CallerContext }): Public;
  /** The module's event consumers. */
  consumers?(deps: ModuleDeps<Db, Env>): ConsumerDefinition<Tx>[];
  /**
   * Background work the module does on its own (webhooks' deliveries): started with its events,
   * stopped before them in the drain (each finishes what it holds before the pool closes).
   */
  workers?(deps: ModuleDeps<Db, Env>): ModuleWorker[];
  /**
   * Contracts of the events the module records, when they live in its own folder (modules added
   * after @tessera/events' built-in contracts): registered when the module is defined.
   */
  events?: Record<string, EventContract>;
  /** Settings of the module's own, beyond every service's (e.g. identity's token settings). */
  env?: z.ZodObject<z.ZodRawShape>;
  /** Root fields a caller without a tenant may call (sign-up, login). */
  anonymousFields?: readonly string[];
  /**
   * Who may call each of the module's mutations, and any query not for every caller (behaviour 7):
   * every Mutation field must have an entry, or the module does not start.
   */
  permissions: PermissionTable;
  /** Settings production must not run with at their development defaults. */
  secrets?: readonly string[];
}

export interface ModuleDefinition<
  Db extends ModuleDb<Tx> = any,
  Tx extends RawExecutor = any,
  Tenant = any,
  Public = any,
  Env = any,
> extends Omit<ModuleDefinitionInput<Db, Tx, Tenant, Public, Env>, 'manifest' | 'schema'> {
  manifest: ModuleManifest;
  typeDefs: DocumentNode;
  /** The module folder. */
  dir: string;
}

/** Defines a module: reads and checks its manifest and SDL once, at import. */
export function defineModule<Db extends ModuleDb<Tx>, Tx extends RawExecutor, Tenant, Public = undefined, Env = Record<string, never>>(
  input: ModuleDefinitionInput<Db, Tx, Tenant, Public, Env>,
): ModuleDefinition<Db, Tx, Tenant, Public, Env> {
  const { manifest, schema, ...rest } = input;
  if (input.events) registerEventContracts(input.events);
  const parsedManifest = parseManifest(JSON.parse(readFileSync(manifest, 'utf8')), fileURLToPath(manifest));
  const typeDefs = parse(readFileSync(schema, 'utf8'));
  const problems = permissionTableProblems(parsedManifest.name, typeDefs, input.permissions);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return { ...rest, manifest: parsedManifest, typeDefs, dir: fileURLToPath(new URL('.', manifest)) };
}

/** The tenant-bound part of a module's context; a caller without a tenant never gets further. */
export function bound<Tenant>(context: { tenant: Tenant | null }): Tenant {
  if (!context.tenant) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return context.tenant;
}

/** The context builder of a module's requests (used by the runtime and by tests that build one). */
export function moduleContextFactory<Db extends ModuleDb<Tx>, Tx extends RawExecutor, Tenant, Public, Env>(
  definition: ModuleDefinition<Db, Tx, Tenant, Public, Env>,
  deps: ModuleDeps<Db, Env>,
) {
  return (base: RequestContext): ModuleContext<Tenant, Public> => {
    const { tenantId } = base.caller;
    const publicPart = definition.public?.({ ...deps, logger: base.logger, caller: base.caller }) as Public;
    if (!tenantId) return { ...base, tenant: null, public: publicPart };
    const scope = new TenantScope<Tx>(deps.db, tenantId);
    const tenant = definition.tenant({
      ...deps,
      logger: base.logger,
      scope,
      caller: { ...base.caller, tenantId },
      references: new References(scope as unknown as TenantScope<ReferenceTx>, { waitMs: deps.referenceWaitMs, now: deps.now }),
    });
    return { ...base, tenant, public: publicPart };
  };
}

export type { GraphQLResolverMap };
