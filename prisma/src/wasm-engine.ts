/**
 * Prisma's schema engine compiled to WebAssembly (`@prisma/schema-engine-wasm`), driven through
 * `@prisma/adapter-pg`: the same migration logic as `prisma migrate`, without the native binary
 * Prisma would download from its CDN.
 *
 * The engine is instantiated here rather than through `@prisma/internals`' loader, which reads the
 * .wasm from `@prisma/internals/build/`, a file that package does not ship. The .wasm is read from
 * the installed `@prisma/schema-engine-wasm` package itself, so nothing in node_modules is touched
 * and a fresh `npm ci` works as is.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { ApplyMigrationsInput, ApplyMigrationsOutput, DiffParams, DiffResult, SchemaEngine } from '@prisma/schema-engine-wasm';
import type { PgConfig } from './config.js';
import { openEngineAdapter, type EngineAdapter } from './pg-adapter.js';

const RUNTIME = '@prisma/schema-engine-wasm/schema_engine_bg';

/** The wasm-bindgen glue module next to the .wasm (typed only as far as used here). */
interface EngineRuntime {
  SchemaEngine: typeof SchemaEngine;
  __wbg_set_wasm(exports: Record<string, unknown>): void;
}

/** The WebAssembly global (typed here: the project's lib settings have no DOM/WebAssembly types). */
const { WebAssembly: Wasm } = globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
  };
};

declare global {
  // Where the engine's Rust panic hook writes the panic message (as @prisma/internals sets it up).
  var PRISMA_WASM_PANIC_REGISTRY: { message?: string; set_message(message: string): void } | undefined;
}

/** An error reported by the schema engine: `code` is Prisma's (P3006, P3018, ...) when it gave one. */
export class MigrationEngineError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'MigrationEngineError';
  }
}

/**
 * The glue's imports, except that the engine's timers (e.g. its 10 s advisory-lock timeout, which it
 * never clears) do not keep the process alive once the work is done.
 */
function withUnrefTimers(glue: EngineRuntime): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, milliseconds: number) => setTimeout(callback, milliseconds >>> 0).unref();
  }
  return imports;
}

let runtime: Promise<EngineRuntime> | undefined;

/** Loads and starts the WebAssembly schema engine once per process; returns its glue module. */
export function loadEngineRuntime(): Promise<EngineRuntime> {
  runtime ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        this.message = message;
      },
    };
    const gluePath = createRequire(import.meta.url).resolve(RUNTIME);
    const wasmBytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const glue = (await import(RUNTIME)) as unknown as EngineRuntime;
    const instance = new Wasm.Instance(new Wasm.Module(wasmBytes), { './schema_engine_bg.js': withUnrefTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return runtime;
}

function engineError(command: string, error: unknown): Error {
  if (error instanceof Error && error.name === 'RuntimeError') {
    const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message ?? error.message;
    return new MigrationEngineError(`Schema engine panicked during ${command}: ${panic}`);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // Drop the Rust span trace the engine appends ("   0: schema_engine_wasm::... at ...rs:242").
    const message = error.message.split(/\n\s+0: /)[0]!.trim();
    return typeof code === 'string'
      ? new MigrationEngineError(`${command} failed [${code}]: ${message}`, code)
      : new MigrationEngineError(`${command} failed: ${message}`);
  }
  return new MigrationEngineError(`${command} failed: ${String(error)}`);
}

/** The engine commands this package uses, with errors turned into MigrationEngineError. */
export interface SchemaEngineSession {
  /** `prisma migrate deploy`: applies pending migrations to the main database. */
  applyMigrations(input: ApplyMigrationsInput): Promise<ApplyMigrationsOutput>;
  /** `prisma migrate diff`: SQL between two schema sources (migrations use the shadow database). */
  diff(input: DiffParams): Promise<DiffResult>;
}

/** The databases an engine session talks to. */
export interface EngineDatabases {
  /** The database the engine connects to at start and migrates. */
  main: PgConfig;
  /** Provides a fresh, empty database each time the engine asks for a shadow database. */
  shadow?: () => Promise<PgConfig>;
}

/**
 * Starts a schema engine connected to `databases`, runs `work`, then frees the engine and closes
 * every connection it opened (the engine never closes its main connection).
 */
export async function withSchemaEngine<T>(databases: EngineDatabases, work: (engine: SchemaEngineSession) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineRuntime();
  const opened: EngineAdapter[] = [];
  const open = async (config: PgConfig) => {
    const connection = await openEngineAdapter(config);
    opened.push(connection);
    return connection.adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => open(databases.main),
    connectToShadowDb: async () => {
      if (!databases.shadow) throw new Error('This operation was not given a shadow database');
      return open(await databases.shadow());
    },
  };
  const log = (line: string) => {
    if (process.env.TESSERA_PRISMA_DEBUG) process.stderr.write(`[schema-engine] ${line}\n`);
  };
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new({ datamodels: undefined }, log, bindMigrationAwareSqlAdapterFactory(factory)).catch(
      (error: unknown) => {
        throw engineError('connect', error);
      },
    );
    const started = engine;
    const call =
      <I, O>(command: 'applyMigrations' | 'diff') =>
      async (input: I): Promise<O> => {
        try {
          return (await (started[command] as (input: I) => Promise<O>).call(started, input)) as O;
        } catch (error) {
          throw engineError(command, error);
        }
      };
    return await work({
      applyMigrations: call<ApplyMigrationsInput, ApplyMigrationsOutput>('applyMigrations'),
      diff: call<DiffParams, DiffResult>('diff'),
    });
  } finally {
    engine?.free();
    await Promise.all(opened.map((connection) => connection.close().catch(() => undefined)));
  }
}
