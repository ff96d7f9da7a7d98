import type { ApiKeyResolvers, InvitationResolvers } from '../generated/graphql.js';
import { knownModules } from '../modules.generated.js';

export const Invitation: InvitationResolvers = {
  acceptToken: (invitation) => invitation.acceptToken ?? null,
};

export const ApiKey: ApiKeyResolvers = {
  modules: (key) => knownModules(key.modules),
};
