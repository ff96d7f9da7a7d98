import type { CompanyResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Company: CompanyResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.companyById.load(reference.id),
  contacts: (company, { first }, context) => bound(context).contacts.ofCompany(company.id, first),
};
