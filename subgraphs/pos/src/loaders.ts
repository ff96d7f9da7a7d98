import type DataLoader from 'dataloader';
import { tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { Register, RegisterSession, Sale, SaleLine, SalePayment } from './generated/prisma/client.js';
import type { PosTx } from './db.js';
import type { Repositories } from './repositories/index.js';

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

export function createLoaders(scope: LoaderScope<PosTx>, repositories: Repositories): PosLoaders {
  const { registers, sessions, sales } = repositories;
  const load = tenantLoaders(scope);
  return {
    registerById: load.byId((tx, ids) => registers.findByIds(tx, ids)),
    sessionById: load.byId((tx, ids) => sessions.findByIds(tx, ids)),
    saleById: load.byId((tx, ids) => sales.findByIds(tx, ids)),
    currentSessionByRegisterId: load.byKey(
      (tx, ids) => sessions.listCurrent(tx, ids),
      (session) => session.registerId,
    ),
    linesBySaleId: load.byParent(
      (tx, ids) => sales.listLines(tx, ids),
      (line) => line.saleId,
    ),
    paymentsBySaleId: load.byParent(
      (tx, ids) => sales.listPayments(tx, ids),
      (payment) => payment.saleId,
    ),
    netCashBySessionId: load.values(
      async (tx, ids) => new Map((await sales.sessionsCash(tx, ids)).map((row) => [row.sessionId, row.net])),
      '0',
    ),
  };
}
