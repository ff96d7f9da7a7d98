import type { BrandingResolvers, TenantResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Tenant: TenantResolvers = {
  __resolveReference: (reference, context) => bound(context).tenantById.load(reference.id),
  branding: (tenant) => tenant,
};

export const Branding: BrandingResolvers = {
  displayName: (tenant) => tenant.displayName ?? tenant.name,
  primaryColor: (tenant) => tenant.primaryColor,
  logoUrl: (tenant) => tenant.logoUrl,
};
