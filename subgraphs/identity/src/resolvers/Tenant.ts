import type { BrandingResolvers, TenantResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';
import { knownModules } from '../modules.generated.js';

export const Tenant: TenantResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.tenantById.load(reference.id),
  branding: (tenant) => tenant,
  enabledModules: (tenant) => knownModules(tenant.enabledModules),
};

export const Branding: BrandingResolvers = {
  displayName: (tenant) => tenant.displayName ?? tenant.name,
  primaryColor: (tenant) => tenant.primaryColor,
  logoUrl: (tenant) => tenant.logoUrl,
};
