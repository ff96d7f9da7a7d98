import { scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { Contact, Deal } from './Contact.js';
import { CreditNote } from './CreditNote.js';
import { Invoice } from './Invoice.js';
import { InvoiceLine, Payment } from './InvoiceLine.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { Subscription } from './Subscription.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Subscription,
  Invoice,
  CreditNote,
  InvoiceLine,
  Payment,
  Contact,
  Deal,
};
