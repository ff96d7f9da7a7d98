import type { Role } from '@tessera/service-kit';

/** Who may set up registers: the tenant's owners and admins. Any member may run the till. */
export function canManageRegisters(role: Role | null): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}
