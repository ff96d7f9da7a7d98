import { Decimal } from '@tessera/service-kit';

export type ProfileStatus = 'ACTIVE' | 'ON_LEAVE' | 'TERMINATED';

/** A pay profile's HR-owned fields. */
export interface ProfileState {
  name: string;
  email: string;
  salaryAmount: Decimal | null;
  salaryCurrency: string | null;
  status: ProfileStatus;
  /** Null only on profiles kept before HR's events all carried the hiring day. */
  hiredOn: Date | null;
  terminatedOn: Date | null;
  /** HR's revision of the employee in the last event applied (0: none yet). */
  hrRevision: number;
}

interface Salary {
  amount: string;
  currency: string;
}

/** What every HR event says of the employee: the whole picture as of its revision. */
interface EmployeeFacts {
  /** HR's revision of the employee after the change: orders the employee's events. */
  revision: number;
  name: string;
  email: string;
  salary: Salary | null;
  hiredOn: Date;
}

/** HR's events as payroll reads them. */
export type HrEvent =
  | ({ kind: 'hired' } & EmployeeFacts)
  | ({ kind: 'updated'; status: ProfileStatus; terminatedOn: Date | null } & EmployeeFacts)
  | ({ kind: 'terminated'; terminatedOn: Date } & EmployeeFacts);

/** What to do with the profile: write this state (creating the profile if there is none), or leave it. */
export type ProfileDecision = { kind: 'write'; state: ProfileState } | { kind: 'unchanged' };

function salaryFields(salary: Salary | null): Pick<ProfileState, 'salaryAmount' | 'salaryCurrency'> {
  return salary
    ? { salaryAmount: new Decimal(salary.amount), salaryCurrency: salary.currency }
    : { salaryAmount: null, salaryCurrency: null };
}

/** The status and last day an event reports. */
function employmentOf(event: HrEvent): Pick<ProfileState, 'status' | 'terminatedOn'> {
  switch (event.kind) {
    case 'hired':
      return { status: 'ACTIVE', terminatedOn: null };
    case 'updated':
      // The contract sets terminatedAt exactly when the status is TERMINATED (validated on consumption).
      if ((event.status === 'TERMINATED') !== (event.terminatedOn !== null)) {
        throw new Error(
          `hr.employee.updated revision ${event.revision}: status ${event.status} with terminatedAt ${String(event.terminatedOn)}`,
        );
      }
      return { status: event.status, terminatedOn: event.terminatedOn };
    case 'terminated':
      return { status: 'TERMINATED', terminatedOn: event.terminatedOn };
  }
}

/**
 * Applies one HR event to a profile (null: none yet). Events of different kinds travel through
 * different consumers, so they arrive in any order, and HR's hosts' clocks may disagree: the
 * employee's revision orders them. Every event carries the whole employee, so the one with the
 * highest revision seen so far decides every field, whichever kind it is and whether or not a
 * profile exists yet; an event whose revision is not higher than the last one applied (older, or a
 * redelivery) changes nothing. Termination is final in HR, so a terminated profile stays
 * terminated: nothing but a (newer) termination changes its status or last day.
 */
export function applyHrEvent(current: ProfileState | null, event: HrEvent): ProfileDecision {
  if (current !== null && event.revision <= current.hrRevision) return { kind: 'unchanged' };
  const reported = employmentOf(event);
  const employment =
    current?.status === 'TERMINATED' && reported.status !== 'TERMINATED'
      ? { status: current.status, terminatedOn: current.terminatedOn }
      : reported;
  return {
    kind: 'write',
    state: {
      name: event.name,
      email: event.email,
      ...salaryFields(event.salary),
      hiredOn: event.hiredOn,
      ...employment,
      hrRevision: event.revision,
    },
  };
}
