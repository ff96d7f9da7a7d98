import type { ContactResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Contact: ContactResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.contactById.load(reference.id),
  company: (contact, _args, context) => (contact.companyId ? bound(context).loaders.companyById.load(contact.companyId) : null),
  deals: (contact, _args, context) => bound(context).loaders.dealsByContactId.load(contact.id),
};
