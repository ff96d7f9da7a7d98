import { toExactMoney, toMoney } from '@tessera/service-kit';
import type { ReceiptResolvers, SaleLineResolvers, SalePaymentResolvers, SaleResolvers } from '../generated/graphql.js';
import type { Sale as SaleModel } from '../generated/prisma/client.js';
import { bound, type PosContext } from '../context.js';

const registerOf = async (sale: SaleModel, context: PosContext) => {
  const register = await bound(context).loaders.registerById.load(sale.registerId);
  if (!register) throw new Error(`register ${sale.registerId} of sale ${sale.id} not found`);
  return register;
};

export const Sale: SaleResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.saleById.load(reference.id),
  register: (sale, _args, context) => registerOf(sale, context),
  session: async (sale, _args, context) => {
    const session = await bound(context).loaders.sessionById.load(sale.sessionId);
    if (!session) throw new Error(`session ${sale.sessionId} of sale ${sale.id} not found`);
    return session;
  },
  lines: (sale, _args, context) => bound(context).loaders.linesBySaleId.load(sale.id),
  payments: (sale, _args, context) => bound(context).loaders.paymentsBySaleId.load(sale.id),
  subtotal: (sale) => toMoney(sale.subtotal, sale.currency),
  discountTotal: (sale) => toMoney(sale.discountTotal, sale.currency),
  total: (sale) => toMoney(sale.total, sale.currency),
  tendered: (sale) => toMoney(sale.tendered, sale.currency),
  change: (sale) => toMoney(sale.change, sale.currency),
  receipt: (sale) => sale,
};

export const Receipt: ReceiptResolvers = {
  number: (sale) => sale.receiptNumber,
  registerName: async (sale, _args, context) => (await registerOf(sale, context)).name,
  issuedAt: (sale) => sale.completedAt,
  lines: (sale, _args, context) => bound(context).loaders.linesBySaleId.load(sale.id),
  payments: (sale, _args, context) => bound(context).loaders.paymentsBySaleId.load(sale.id),
  subtotal: (sale) => toMoney(sale.subtotal, sale.currency),
  discountTotal: (sale) => toMoney(sale.discountTotal, sale.currency),
  total: (sale) => toMoney(sale.total, sale.currency),
  change: (sale) => toMoney(sale.change, sale.currency),
  voided: (sale) => sale.status === 'VOIDED',
};

/** Lines and payments carry no currency: the one of their sale (loaded already, by the parent field). */
export const SaleLine: SaleLineResolvers = {
  unitPrice: async (line, _args, context) => toExactMoney(line.unitPrice, await currencyOf(line.saleId, context)),
  discount: async (line, _args, context) => toMoney(line.discount, await currencyOf(line.saleId, context)),
  lineTotal: async (line, _args, context) => toMoney(line.lineTotal, await currencyOf(line.saleId, context)),
  listPrice: async (line, _args, context) =>
    line.listPrice === null ? null : toExactMoney(line.listPrice, await currencyOf(line.saleId, context)),
  manualPrice: (line) => line.priceReason !== null,
  priceReason: (line) => line.priceReason,
};

export const SalePayment: SalePaymentResolvers = {
  amount: async (payment, _args, context) => toMoney(payment.amount, await currencyOf(payment.saleId, context)),
};

async function currencyOf(saleId: string, context: PosContext): Promise<string> {
  const sale = await bound(context).loaders.saleById.load(saleId);
  if (!sale) throw new Error(`sale ${saleId} not found`);
  return sale.currency;
}
