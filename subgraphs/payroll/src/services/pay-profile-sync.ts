import { toDecimal } from '@tessera/service-kit';
import type { PayrollTx } from '../db.js';
import { applyHrEvent, type HrEvent, type ProfileState } from '../domain/profile-sync.js';
import type { PayProfile } from '../generated/prisma/client.js';
import type { PayProfileRepository } from '../repositories/pay-profile-repository.js';

function stateOf(profile: PayProfile): ProfileState {
  return {
    name: profile.name,
    email: profile.email,
    salaryAmount: profile.salaryAmount === null ? null : toDecimal(profile.salaryAmount),
    salaryCurrency: profile.salaryCurrency,
    status: profile.status,
    hiredOn: profile.hiredOn,
    terminatedOn: profile.terminatedOn,
    hrRevision: profile.hrRevision,
  };
}

/**
 * Keeps the tenant's pay profiles in step with HR's events (in the consumer's tenant transaction).
 * Any hr.employee.* event creates the profile or brings it to the event's revision; none waits for
 * another, so none is retried for arriving early.
 */
export class PayProfileSync {
  constructor(private readonly profiles: PayProfileRepository) {}

  async apply(tx: PayrollTx, employeeId: string, event: HrEvent): Promise<void> {
    await this.profiles.lock(tx, employeeId);
    const current = await this.profiles.findByEmployeeId(tx, employeeId);
    const decision = applyHrEvent(current ? stateOf(current) : null, event);
    if (decision.kind === 'unchanged') return;
    if (current) await this.profiles.update(tx, employeeId, decision.state);
    else await this.profiles.create(tx, employeeId, decision.state);
  }
}
