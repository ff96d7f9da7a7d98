import { describe, expect, it } from 'vitest';
import { applyHrEvent, type HrEvent, type ProfileState } from './profile-sync.js';

const at = (iso: string) => new Date(iso);
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

const hired: HrEvent = {
  kind: 'hired',
  at: at('2026-11-01T09:00:00Z'),
  name: 'Ada',
  email: 'ada@example.com',
  salary: { amount: '60000', currency: 'EUR' },
  hiredOn: day('2026-11-01'),
};
const updated: HrEvent = {
  kind: 'updated',
  at: at('2026-11-05T09:00:00Z'),
  name: 'Ada King',
  email: 'ada.king@example.com',
  salary: { amount: '65000', currency: 'EUR' },
  status: 'ON_LEAVE',
};
const terminated: HrEvent = { kind: 'terminated', at: at('2026-11-10T09:00:00Z'), terminatedOn: day('2026-11-30') };

function state(decision: ReturnType<typeof applyHrEvent>): ProfileState {
  if (decision.kind !== 'write') throw new Error(`expected a write, got ${decision.kind}`);
  return decision.state;
}

const summary = (s: ProfileState) => ({
  name: s.name,
  salary: s.salaryAmount?.toFixed() ?? null,
  status: s.status,
  hiredOn: s.hiredOn?.toISOString().slice(0, 10) ?? null,
  terminatedOn: s.terminatedOn?.toISOString().slice(0, 10) ?? null,
});

describe('pay profiles from HR events', () => {
  it('applies hired, updated, terminated in order', () => {
    const a = state(applyHrEvent(null, hired));
    expect(summary(a)).toEqual({ name: 'Ada', salary: '60000', status: 'ACTIVE', hiredOn: '2026-11-01', terminatedOn: null });
    const b = state(applyHrEvent(a, updated));
    expect(summary(b)).toEqual({ name: 'Ada King', salary: '65000', status: 'ON_LEAVE', hiredOn: '2026-11-01', terminatedOn: null });
    const c = state(applyHrEvent(b, terminated));
    expect(summary(c)).toEqual({
      name: 'Ada King',
      salary: '65000',
      status: 'TERMINATED',
      hiredOn: '2026-11-01',
      terminatedOn: '2026-11-30',
    });
  });

  it('reaches the same profile when updated arrives before hired', () => {
    const early = state(applyHrEvent(null, updated));
    expect(summary(early)).toMatchObject({ name: 'Ada King', hiredOn: null });
    const late = state(applyHrEvent(early, hired));
    expect(summary(late)).toEqual({ name: 'Ada King', salary: '65000', status: 'ON_LEAVE', hiredOn: '2026-11-01', terminatedOn: null });
  });

  it('does not let an older update undo a termination, and waits for hired before terminating', () => {
    expect(applyHrEvent(null, terminated)).toEqual({ kind: 'missing' });
    const done = state(applyHrEvent(state(applyHrEvent(null, hired)), terminated));
    expect(applyHrEvent(done, updated)).toEqual({ kind: 'unchanged' });
  });

  it('keeps the termination day when an update reporting TERMINATED came first', () => {
    const base = state(applyHrEvent(null, hired));
    const laterUpdate: HrEvent = { ...updated, at: at('2026-11-12T09:00:00Z'), status: 'TERMINATED' };
    const byUpdate = state(applyHrEvent(base, laterUpdate));
    expect(summary(byUpdate)).toMatchObject({ status: 'TERMINATED', terminatedOn: '2026-11-12' });
    // the terminated event (older) still brings the precise day
    expect(summary(state(applyHrEvent(byUpdate, terminated)))).toMatchObject({ status: 'TERMINATED', terminatedOn: '2026-11-30' });
  });

  it('an update without salary clears it; a rehire (newer hired) reactivates', () => {
    const noSalary = state(applyHrEvent(state(applyHrEvent(null, hired)), { ...updated, salary: null }));
    expect(noSalary.salaryAmount).toBeNull();
    expect(noSalary.salaryCurrency).toBeNull();
    const gone = state(applyHrEvent(noSalary, terminated));
    const rehired = state(applyHrEvent(gone, { ...hired, at: at('2027-01-01T09:00:00Z'), hiredOn: day('2027-01-01') }));
    expect(summary(rehired)).toEqual({ name: 'Ada', salary: '60000', status: 'ACTIVE', hiredOn: '2027-01-01', terminatedOn: null });
  });
});
