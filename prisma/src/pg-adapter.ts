/**
 * The PostgreSQL driver adapter the schema engine runs on: `@prisma/adapter-pg` over a pool of one
 * connection (one session, like Prisma's native engine), with two corrections to adapter-pg 7.10
 * that the engine's migration work needs:
 *
 * 1. Migration scripts run as ONE simple-protocol query, as the native engine runs them: PostgreSQL
 *    then applies the whole file in an implicit transaction. adapter-pg's executeScript instead splits
 *    the script on every ";" (breaking function bodies, string literals and comments containing ";")
 *    and runs the pieces one by one, so a failing migration would leave half of itself behind.
 * 2. PostgreSQL's internal `"char"` type (OID 18, e.g. pg_constraint.contype, read by the engine's
 *    schema describer) is rejected by adapter-pg as UnsupportedNativeDataType. The pg client reports
 *    such columns as text (their wire value already is a one-letter string) and remembers where they
 *    were; the adapter then types those columns as Character, which the engine expects.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum, DriverAdapterError, type SqlDriverAdapter, type SqlResultSet } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import type { PgConfig } from './config.js';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
/** Indexes of "char" columns, attached to a result's rows array (which adapter-pg passes through). */
const CHAR_COLUMNS = Symbol('tessera.charColumns');

type Rows = unknown[] & { [CHAR_COLUMNS]?: number[] };
interface Result {
  fields?: { dataTypeID: number }[];
  rows?: Rows;
}

function retypeCharColumns<R>(result: R): R {
  for (const one of (Array.isArray(result) ? result : [result]) as Result[]) {
    const indexes: number[] = [];
    one?.fields?.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(index);
      }
    });
    if (indexes.length && one.rows) Object.defineProperty(one.rows, CHAR_COLUMNS, { value: indexes });
  }
  return result;
}

/** A pg Client reporting `"char"` result columns as text. */
class CharColumnsClient extends pg.Client {
  override query(...args: any[]): any {
    const callbackAt = args.findIndex((arg, index) => index > 0 && typeof arg === 'function');
    const query = super.query as (...a: unknown[]) => unknown;
    if (callbackAt > 0) {
      const callback = args[callbackAt] as (error: Error | null, result: unknown) => void;
      args[callbackAt] = (error: Error | null, result: unknown) => callback(error, error ? result : retypeCharColumns(result));
      return query.apply(this, args);
    }
    const outcome = query.apply(this, args) as Promise<unknown> | undefined;
    return typeof outcome?.then === 'function' ? outcome.then(retypeCharColumns) : outcome;
  }
}

function retypeResultSet(result: SqlResultSet): SqlResultSet {
  for (const index of (result.rows as Rows)[CHAR_COLUMNS] ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
  return result;
}

/** A PostgreSQL error as adapter-pg reports it to the engine; other errors pass through. */
function asDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError) || !error.code) return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code,
    severity: error.severity ?? 'ERROR',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}

/** An adapter for the engine and the way to close its pool. */
export interface EngineAdapter {
  adapter: SqlDriverAdapter;
  close(): Promise<void>;
}

/** Opens the corrected adapter-pg adapter (see above) on `config`, with a pool of one connection. */
export async function openEngineAdapter(config: PgConfig): Promise<EngineAdapter> {
  const pool = new pg.Pool({ ...config, max: 1, Client: CharColumnsClient });
  pool.on('error', () => undefined); // an idle connection dropped by the server: the next query reports it
  const adapter = await new PrismaPg(pool).connect();

  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      throw asDriverAdapterError(error);
    }
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => retypeResultSet(await queryRaw(query));
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startTransaction(isolationLevel);
    const transactionQueryRaw = transaction.queryRaw.bind(transaction);
    transaction.queryRaw = async (query) => retypeResultSet(await transactionQueryRaw(query));
    return transaction;
  };

  let closed: Promise<void> | undefined;
  return { adapter, close: () => (closed ??= pool.end()) };
}
