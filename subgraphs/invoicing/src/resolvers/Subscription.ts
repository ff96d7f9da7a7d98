import { ErrorCode, TesseraError } from '@tessera/service-kit';
import type { SubscriptionResolvers } from '../generated/graphql.js';

const servedByTheRouter = (): never => {
  throw new TesseraError(ErrorCode.BAD_USER_INPUT, 'Subscriptions are served by the router over graphql-ws, not by the invoicing subgraph');
};

/** Declared here so the router knows them; the router serves them (see router/src/subscriptions.ts). */
export const Subscription: SubscriptionResolvers = {
  invoiceChanged: { subscribe: servedByTheRouter },
};
