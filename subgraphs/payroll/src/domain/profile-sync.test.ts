import { describe, expect, it } from 'vitest';
import { applyHrEvent, type HrEvent, type ProfileState } from './profile-sync.js';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

// One employee's history in HR: hired (revision 1), updated (2), terminated (3).
const hired: HrEvent = {
  kind: 'hired',
  revision: 1,
  name: 'Ada',
  email: 'ada@example.com',
  salary: { amount: '60000', currency: 'EUR' },
  hiredOn: day('2026-11-01'),
};
const updated: HrEvent = {
  kind: 'updated',
  revision: 2,
  name: 'Ada King',
  email: 'ada.king@example.com',
  salary: { amount: '65000', currency: 'EUR' },
  hiredOn: day('2026-11-01'),
  status: 'ON_LEAVE',
  terminatedOn: null,
};
const terminated: HrEvent = {
  kind: 'terminated',
  revision: 3,
  name: 'Ada King',
  email: 'ada.king@example.com',
  salary: { amount: '65000', currency: 'EUR' },
  hiredOn: day('2026-11-01'),
  terminatedOn: day('2026-11-30'),
};

function state(decision: ReturnType<typeof applyHrEvent>): ProfileState {
  if (decision.kind !== 'write') throw new Error(`expected a write, got ${decision.kind}`);
  return decision.state;
}

/** The profile after the events in the order given (each unchanged decision keeps the profile). */
function replay(events: HrEvent[]): ProfileState | null {
  let profile: ProfileState | null = null;
  for (const event of events) {
    const decision = applyHrEvent(profile, event);
    if (decision.kind === 'write') profile = decision.state;
  }
  return profile;
}

const summary = (s: ProfileState | null) =>
  s && {
    name: s.name,
    email: s.email,
    salary: s.salaryAmount?.toFixed() ?? null,
    status: s.status,
    hiredOn: s.hiredOn?.toISOString().slice(0, 10) ?? null,
    terminatedOn: s.terminatedOn?.toISOString().slice(0, 10) ?? null,
    hrRevision: s.hrRevision,
  };

const TERMINATED_ADA = {
  name: 'Ada King',
  email: 'ada.king@example.com',
  salary: '65000',
  status: 'TERMINATED',
  hiredOn: '2026-11-01',
  terminatedOn: '2026-11-30',
  hrRevision: 3,
};

/** Every order of a list. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('pay profiles from HR events', () => {
  it('applies hired, updated, terminated in order', () => {
    const a = state(applyHrEvent(null, hired));
    expect(summary(a)).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      salary: '60000',
      status: 'ACTIVE',
      hiredOn: '2026-11-01',
      terminatedOn: null,
      hrRevision: 1,
    });
    const b = state(applyHrEvent(a, updated));
    expect(summary(b)).toEqual({
      name: 'Ada King',
      email: 'ada.king@example.com',
      salary: '65000',
      status: 'ON_LEAVE',
      hiredOn: '2026-11-01',
      terminatedOn: null,
      hrRevision: 2,
    });
    expect(summary(state(applyHrEvent(b, terminated)))).toEqual(TERMINATED_ADA);
  });

  it('reaches the same profile whatever order the three events arrive in', () => {
    for (const order of permutations([hired, updated, terminated])) {
      expect(summary(replay(order)), order.map((e) => e.kind).join(', ')).toEqual(TERMINATED_ADA);
    }
  });

  it('orders by revision only: a higher revision applies, a lower or equal one changes nothing', () => {
    const atTwo = state(applyHrEvent(null, updated));
    // an older salary (revision 1) arriving later is ignored
    expect(applyHrEvent(atTwo, hired)).toEqual({ kind: 'unchanged' });
    // a redelivery of the applied revision is ignored too
    expect(applyHrEvent(atTwo, updated)).toEqual({ kind: 'unchanged' });
    // a newer one (revision 3) applies
    const raise: HrEvent = { ...updated, revision: 3, salary: { amount: '70000', currency: 'EUR' }, status: 'ACTIVE' };
    expect(summary(state(applyHrEvent(atTwo, raise)))).toMatchObject({ salary: '70000', status: 'ACTIVE', hrRevision: 3 });
  });

  it('an updated before hired creates the profile with the hiring day, and hired then changes nothing', () => {
    const early = state(applyHrEvent(null, updated));
    expect(summary(early)).toMatchObject({ name: 'Ada King', hiredOn: '2026-11-01', status: 'ON_LEAVE', hrRevision: 2 });
    expect(applyHrEvent(early, hired)).toEqual({ kind: 'unchanged' });
  });

  it('a terminated before hired creates a TERMINATED profile that hired (older) cannot reactivate', () => {
    const gone = state(applyHrEvent(null, terminated));
    expect(summary(gone)).toEqual(TERMINATED_ADA);
    expect(applyHrEvent(gone, hired)).toEqual({ kind: 'unchanged' });
    expect(applyHrEvent(gone, updated)).toEqual({ kind: 'unchanged' });
  });

  it('keeps a terminated profile terminated even if a higher revision reports otherwise (termination is final in HR)', () => {
    const gone = state(applyHrEvent(null, terminated));
    const odd: HrEvent = { ...updated, revision: 4, name: 'Ada K.', status: 'ACTIVE', terminatedOn: null };
    expect(summary(state(applyHrEvent(gone, odd)))).toEqual({ ...TERMINATED_ADA, name: 'Ada K.', hrRevision: 4 });
    const rehired: HrEvent = { ...hired, revision: 5, hiredOn: day('2027-01-01') };
    expect(summary(state(applyHrEvent(gone, rehired)))).toMatchObject({ status: 'TERMINATED', terminatedOn: '2026-11-30' });
  });

  it('an update reporting TERMINATED carries its last day; one without it is a broken event', () => {
    const byUpdate: HrEvent = { ...updated, revision: 3, status: 'TERMINATED', terminatedOn: day('2026-11-12') };
    expect(summary(state(applyHrEvent(state(applyHrEvent(null, hired)), byUpdate)))).toMatchObject({
      status: 'TERMINATED',
      terminatedOn: '2026-11-12',
    });
    expect(() => applyHrEvent(null, { ...updated, status: 'TERMINATED', terminatedOn: null })).toThrow(/TERMINATED/);
    expect(() => applyHrEvent(null, { ...updated, status: 'ACTIVE', terminatedOn: day('2026-11-12') })).toThrow(/ACTIVE/);
  });

  it('an update without salary clears it; a profile kept before revisions (0) takes any revision', () => {
    const noSalary = state(applyHrEvent(state(applyHrEvent(null, hired)), { ...updated, salary: null }));
    expect(noSalary.salaryAmount).toBeNull();
    expect(noSalary.salaryCurrency).toBeNull();
    const legacy: ProfileState = { ...state(applyHrEvent(null, hired)), hiredOn: null, hrRevision: 0 };
    expect(summary(state(applyHrEvent(legacy, hired)))).toMatchObject({ hiredOn: '2026-11-01', hrRevision: 1 });
  });
});
