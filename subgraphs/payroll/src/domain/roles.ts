import { userError, type Role, type UserError } from '@tessera/service-kit';

/** Who may change payroll (rates, pay runs): the tenant's owners and admins. */
export function canManagePayroll(role: Role | null): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}

export const forbidden = (what: string): UserError => userError('FORBIDDEN', `Only owners and admins can ${what}`);
