import type { __Entity__Resolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const __Entity__: __Entity__Resolvers = {
  __resolveReference: (reference, context) => bound(context).items.byId(reference.id),
};
