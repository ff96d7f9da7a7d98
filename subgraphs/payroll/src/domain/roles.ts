import type { Role } from '@tessera/service-kit';

/** Who may change payroll (rates, pay runs): the tenant's owners and admins. */
export function canManagePayroll(role: Role | null): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}
