import { Decimal } from '@tessera/service-kit';

export type ProfileStatus = 'ACTIVE' | 'ON_LEAVE' | 'TERMINATED';

/** A pay profile's HR-owned fields. */
export interface ProfileState {
  name: string;
  email: string;
  salaryAmount: Decimal | null;
  salaryCurrency: string | null;
  status: ProfileStatus;
  hiredOn: Date | null;
  terminatedOn: Date | null;
  /** When the latest HR event applied happened. */
  hrEventAt: Date;
}

interface Salary {
  amount: string;
  currency: string;
}

/** HR's events as payroll reads them (`at`: when the change happened in HR). */
export type HrEvent =
  | { kind: 'hired'; at: Date; name: string; email: string; salary: Salary | null; hiredOn: Date }
  | { kind: 'updated'; at: Date; name: string; email: string; salary: Salary | null; status: ProfileStatus }
  | { kind: 'terminated'; at: Date; terminatedOn: Date };

/** What to do with the profile: write this state, leave it, or wait for the hired event (retry). */
export type ProfileDecision = { kind: 'write'; state: ProfileState } | { kind: 'unchanged' } | { kind: 'missing' };

const dayOf = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

function salaryFields(salary: Salary | null): Pick<ProfileState, 'salaryAmount' | 'salaryCurrency'> {
  return salary
    ? { salaryAmount: new Decimal(salary.amount), salaryCurrency: salary.currency }
    : { salaryAmount: null, salaryCurrency: null };
}

/**
 * Applies one HR event to a profile. Events of different kinds travel through different consumers,
 * so they may arrive in any order: an event older than the last one applied changes nothing, except
 * the facts only it carries (the hiring day of `hired`, the precise day of `terminated`). `updated`
 * before `hired` creates the profile (hiring day unknown until `hired` arrives); `terminated` before
 * either cannot (it names nobody), so it waits: the handler throws and the message is retried.
 */
export function applyHrEvent(current: ProfileState | null, event: HrEvent): ProfileDecision {
  const newer = current === null || current.hrEventAt.getTime() <= event.at.getTime();
  switch (event.kind) {
    case 'hired': {
      if (!current) {
        const { name, email, salary, hiredOn, at } = event;
        return write({ name, email, ...salaryFields(salary), status: 'ACTIVE', hiredOn, terminatedOn: null, hrEventAt: at });
      }
      if (!newer) return write({ ...current, hiredOn: event.hiredOn });
      const { name, email, salary, hiredOn, at } = event;
      return write({ ...current, name, email, ...salaryFields(salary), status: 'ACTIVE', hiredOn, terminatedOn: null, hrEventAt: at });
    }
    case 'updated': {
      if (!newer) return { kind: 'unchanged' };
      const { name, email, salary, status, at } = event;
      const terminatedOn = status === 'TERMINATED' ? (current?.terminatedOn ?? dayOf(at)) : null;
      return write({ name, email, ...salaryFields(salary), status, hiredOn: current?.hiredOn ?? null, terminatedOn, hrEventAt: at });
    }
    case 'terminated': {
      if (!current) return { kind: 'missing' };
      if (newer) return write({ ...current, status: 'TERMINATED', terminatedOn: event.terminatedOn, hrEventAt: event.at });
      return current.status === 'TERMINATED' ? write({ ...current, terminatedOn: event.terminatedOn }) : { kind: 'unchanged' };
    }
  }
}

const write = (state: ProfileState): ProfileDecision => ({ kind: 'write', state });
