import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  createInvoice: (_parent, { input }, context) => bound(context).invoiceService.createInvoice(input),
  updateDraftInvoice: (_parent, { input }, context) =>
    bound(context).invoiceService.updateDraftInvoice({
      invoiceId: input.invoiceId,
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
      lines: input.lines ?? null,
    }),
  sendInvoice: (_parent, { input }, context) => bound(context).invoiceService.sendInvoice(input.invoiceId),
  recordPayment: (_parent, { input }, context) => bound(context).invoiceService.recordPayment(input),
  voidInvoice: (_parent, { input }, context) => bound(context).invoiceService.voidInvoice(input.invoiceId),
  createCreditNote: (_parent, { input }, context) => bound(context).invoiceService.createCreditNote(input),
};
