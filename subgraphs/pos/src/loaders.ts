import DataLoader from 'dataloader';
import type { TenantScope } from '@tessera/prisma';
import { distinctUuids, manyByKey, oneByKey } from '@tessera/service-kit';
import type { Register, RegisterSession, Sale, SaleLine, SalePayment } from './generated/prisma/client.js';
import type { PosTx } from './db.js';
import type { PosRepositories } from './repositories/index.js';

/**
 * The request's DataLoaders: every entity reference and every list-per-parent field costs ONE SQL
 * statement per plan step, however many parents ask. Ids that cannot be UUIDs match nothing
 * without reaching the database.
 */
export interface PosLoaders {
  registerById: DataLoader<string, Register | null>;
  sessionById: DataLoader<string, RegisterSession | null>;
  saleById: DataLoader<string, Sale | null>;
  currentSessionByRegisterId: DataLoader<string, RegisterSession | null>;
  linesBySaleId: DataLoader<string, SaleLine[]>;
  paymentsBySaleId: DataLoader<string, SalePayment[]>;
  /** Cash left in the drawer by a session's COMPLETED sales (cash tendered - change), as a decimal string. */
  netCashBySessionId: DataLoader<string, string>;
}

const OPTIONS = { maxBatchSize: 1000 } as const;

export function createLoaders(scope: TenantScope<PosTx>, repositories: PosRepositories): PosLoaders {
  const { registers, sessions, sales } = repositories;
  const fetch = async <T>(ids: readonly string[], query: (tx: PosTx, wanted: string[]) => Promise<T[]>): Promise<T[]> => {
    const wanted = distinctUuids(ids);
    return wanted.length === 0 ? [] : scope.run((tx) => query(tx, wanted));
  };
  return {
    registerById: new DataLoader(
      async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => registers.findByIds(tx, w)), (r) => r.id),
      OPTIONS,
    ),
    sessionById: new DataLoader(async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => sessions.findByIds(tx, w)), (r) => r.id), OPTIONS),
    saleById: new DataLoader(async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => sales.findByIds(tx, w)), (r) => r.id), OPTIONS),
    currentSessionByRegisterId: new DataLoader(
      async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => sessions.listCurrent(tx, w)), (r) => r.registerId),
      OPTIONS,
    ),
    linesBySaleId: new DataLoader(
      async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => sales.listLines(tx, w)), (r) => r.saleId),
      OPTIONS,
    ),
    paymentsBySaleId: new DataLoader(
      async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => sales.listPayments(tx, w)), (r) => r.saleId),
      OPTIONS,
    ),
    netCashBySessionId: new DataLoader(async (ids) => {
      const rows = await fetch(ids, (tx, w) => sales.sessionsCash(tx, w));
      const map = new Map(rows.map((row) => [row.sessionId, row.net]));
      return ids.map((id) => map.get(id) ?? '0');
    }, OPTIONS),
  };
}
