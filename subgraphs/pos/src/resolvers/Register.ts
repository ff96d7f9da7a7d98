import { toDecimal, toMoney } from '@tessera/service-kit';
import type { RegisterResolvers, RegisterSessionResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Register: RegisterResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.registerById.load(reference.id),
  currentSession: (register, _args, context) => bound(context).loaders.currentSessionByRegisterId.load(register.id),
};

export const RegisterSession: RegisterSessionResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.sessionById.load(reference.id),
  register: async (session, _args, context) => {
    const register = await bound(context).loaders.registerById.load(session.registerId);
    if (!register) throw new Error(`register ${session.registerId} of session ${session.id} not found`);
    return register;
  },
  openingFloat: (session) => toMoney(session.openingFloat, session.currency),
  expectedCash: async (session, _args, context) => {
    if (session.expectedCash !== null) return toMoney(session.expectedCash, session.currency);
    const net = await bound(context).loaders.netCashBySessionId.load(session.id);
    return toMoney(toDecimal(session.openingFloat).plus(net), session.currency);
  },
  countedCash: (session) => (session.countedCash === null ? null : toMoney(session.countedCash, session.currency)),
  difference: (session) => (session.difference === null ? null : toMoney(session.difference, session.currency)),
};
