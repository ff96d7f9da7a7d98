import type { InvoiceLineResolvers, PaymentResolvers } from '../generated/graphql.js';
import { toExactMoney, toMoney } from '@tessera/service-kit';

export const InvoiceLine: InvoiceLineResolvers = {
  unitPrice: (line) => toExactMoney(line.unitPrice, line.currency),
  net: (line) => toMoney(line.net, line.currency),
  tax: (line) => toMoney(line.tax, line.currency),
  total: (line) => toMoney(line.net.plus(line.tax), line.currency),
};

export const Payment: PaymentResolvers = {
  amount: (payment) => toMoney(payment.amount, payment.currency),
};
