import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaller, asTenant, codesOf, USER_ERRORS, mutate, query } from '../../../packages/testkit/src/index.js';
import {
  countRows,
  dayFromToday,
  decideLeave,
  hire,
  LEAVE_FIELDS,
  requestLeave,
  startHr,
  type RunningHr,
  type HrData,
  type EmployeePayload,
  type LeavePayload,
} from './harness.js';

let hr: RunningHr;
beforeAll(async () => {
  hr = await startHr();
});
afterAll(async () => {
  await hr.stop();
});

type Caller = ReturnType<typeof newCaller>;
const ask = (caller: Caller, input: Record<string, unknown>) =>
  mutate<LeavePayload>(hr.url, caller, 'requestLeave', `leaveRequest { ${LEAVE_FIELDS} } ${USER_ERRORS}`, { type: 'VACATION', ...input });

async function employeeOf(caller: Caller) {
  return hire(hr.url, caller, { hiredAt: '2024-01-01' });
}

describe('requestLeave', () => {
  it('records a REQUESTED leave with its days counted, both ends included', async () => {
    const caller = newCaller();
    const employee = await employeeOf(caller);
    const payload = await ask(caller, {
      employeeId: employee.id,
      type: 'SICK',
      startDate: '2026-03-02',
      endDate: '2026-03-06',
      reason: ' Flu ',
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.leaveRequest).toMatchObject({
      type: 'SICK',
      status: 'REQUESTED',
      startDate: '2026-03-02',
      endDate: '2026-03-06',
      days: 5,
      reason: 'Flu',
      decisionNote: null,
      decidedAt: null,
      employee: { id: employee.id },
    });
  });

  it('refuses an end before the start, a span over a year, a start before the hire date, and unknown employees', async () => {
    const caller = newCaller();
    const employee = await employeeOf(caller);
    const refused = async (input: Record<string, unknown>) => codesOf(await ask(caller, { employeeId: employee.id, ...input }));
    expect(await refused({ startDate: '2026-03-06', endDate: '2026-03-02' })).toEqual(['INVALID_DATE_RANGE']);
    expect(await refused({ startDate: '2026-01-01', endDate: '2027-01-02' })).toEqual(['INVALID_DATE_RANGE']);
    expect(await refused({ startDate: '2023-12-31', endDate: '2024-01-02' })).toEqual(['INVALID_DATE_RANGE']);
    expect(await refused({ startDate: '2026-03-02', endDate: '2026-03-02', reason: 'x'.repeat(1001) })).toEqual(['INVALID']);
    expect(codesOf(await ask(caller, { employeeId: 'nope', startDate: '2026-03-02', endDate: '2026-03-02' }))).toEqual(['NOT_FOUND']);
    expect(
      codesOf(await ask(caller, { employeeId: '00000000-0000-4000-8000-000000000000', startDate: '2026-03-02', endDate: '2026-03-02' })),
    ).toEqual(['NOT_FOUND']);
    expect((await countRows(hr.db, caller.tenantId)).leaveRequests).toBe(0);
  });

  it('refuses leave overlapping REQUESTED or APPROVED leave, but not REJECTED or CANCELLED leave', async () => {
    const caller = newCaller();
    const employee = await employeeOf(caller);
    const first = await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: '2026-03-02', endDate: '2026-03-06' });
    const overlapping = await ask(caller, { employeeId: employee.id, startDate: '2026-03-06', endDate: '2026-03-09' });
    expect(overlapping).toEqual({
      leaveRequest: null,
      userErrors: [
        {
          code: 'LEAVE_OVERLAP',
          field: ['input', 'startDate'],
          message: 'The employee already has REQUESTED leave from 2026-03-02 to 2026-03-06',
        },
      ],
    });
    // The day after is free; another employee's leave never overlaps.
    await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: '2026-03-07', endDate: '2026-03-08' });
    const other = await employeeOf(caller);
    await requestLeave(hr.url, caller, { employeeId: other.id, startDate: '2026-03-02', endDate: '2026-03-06' });

    await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: first.id });
    expect(codesOf(await ask(caller, { employeeId: employee.id, startDate: '2026-03-01', endDate: '2026-03-02' }))).toEqual([
      'LEAVE_OVERLAP',
    ]);
    await decideLeave(hr.url, caller, 'cancelLeave', { leaveRequestId: first.id });
    await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: '2026-03-01', endDate: '2026-03-02' });
    const rejected = await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: '2026-04-01', endDate: '2026-04-01' });
    await decideLeave(hr.url, caller, 'rejectLeave', { leaveRequestId: rejected.id });
    await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: '2026-04-01', endDate: '2026-04-01' });
  });

  it('accepts exactly one of two overlapping requests sent in parallel', async () => {
    for (let round = 0; round < 5; round += 1) {
      const caller = newCaller();
      const employee = await employeeOf(caller);
      const results = await Promise.all([
        ask(caller, { employeeId: employee.id, startDate: '2026-05-04', endDate: '2026-05-08' }),
        ask(caller, { employeeId: employee.id, startDate: '2026-05-06', endDate: '2026-05-12' }),
      ]);
      expect(results.filter((r) => r.leaveRequest !== null)).toHaveLength(1);
      expect(results.flatMap(codesOf)).toEqual(['LEAVE_OVERLAP']);
      expect((await countRows(hr.db, caller.tenantId)).leaveRequests).toBe(1);
    }
  });

  it('is refused for a terminated employee', async () => {
    const caller = newCaller();
    const employee = await employeeOf(caller);
    await mutate<EmployeePayload>(hr.url, caller, 'terminateEmployee', USER_ERRORS, { employeeId: employee.id });
    expect((await ask(caller, { employeeId: employee.id, startDate: '2026-03-02', endDate: '2026-03-02' })).userErrors).toEqual([
      { code: 'EMPLOYEE_TERMINATED', field: ['input', 'employeeId'], message: 'A terminated employee cannot request leave' },
    ]);
  });
});

describe('the database keeps leave from overlapping', () => {
  it('refuses an overlapping REQUESTED/APPROVED row inserted directly (exclusion constraint), not a CANCELLED one', async () => {
    const caller = newCaller();
    const employee = await employeeOf(caller);
    await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: '2026-06-01', endDate: '2026-06-10' });
    const insert = (status: 'REQUESTED' | 'APPROVED' | 'CANCELLED', start: string, end: string) =>
      asTenant(hr.db, caller.tenantId, (tx) =>
        tx.leaveRequest.create({
          data: {
            tenantId: caller.tenantId,
            employeeId: employee.id,
            type: 'OTHER',
            status,
            startDate: new Date(`${start}T00:00:00Z`),
            endDate: new Date(`${end}T00:00:00Z`),
            decidedAt: status === 'REQUESTED' ? null : new Date(),
          },
        }),
      );
    await expect(insert('REQUESTED', '2026-06-10', '2026-06-12')).rejects.toThrow(/leave_requests_no_overlap|exclu|conflict/i);
    await expect(insert('APPROVED', '2026-05-01', '2026-06-01')).rejects.toThrow(/leave_requests_no_overlap|exclu|conflict/i);
    await expect(insert('CANCELLED', '2026-06-05', '2026-06-06')).resolves.toMatchObject({ status: 'CANCELLED' });
    await expect(insert('REQUESTED', '2026-06-11', '2026-06-11')).resolves.toMatchObject({ status: 'REQUESTED' });
    // An end before the start is refused too (CHECK).
    await expect(insert('REQUESTED', '2026-07-02', '2026-07-01')).rejects.toThrow();
  });
});

describe('leave decisions', () => {
  async function requested(caller: Caller, start = '2026-03-02', end = '2026-03-04') {
    const employee = await employeeOf(caller);
    return requestLeave(hr.url, caller, { employeeId: employee.id, startDate: start, endDate: end });
  }

  it('approves REQUESTED leave with a note and the decision time; then only cancellation is possible', async () => {
    const caller = newCaller();
    const leave = await requested(caller);
    const before = Date.now();
    const approved = await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: leave.id, note: ' Enjoy ' });
    expect(approved.userErrors).toEqual([]);
    expect(approved.leaveRequest).toMatchObject({ status: 'APPROVED', decisionNote: 'Enjoy' });
    expect(Date.parse(approved.leaveRequest.decidedAt!)).toBeGreaterThanOrEqual(before - 1000);
    for (const mutation of ['approveLeave', 'rejectLeave'] as const) {
      const again = await decideLeave(hr.url, caller, mutation, { leaveRequestId: leave.id });
      expect(again.userErrors, mutation).toEqual([
        {
          code: 'INVALID_TRANSITION',
          field: ['input', 'leaveRequestId'],
          message: `The leave request is APPROVED; only REQUESTED requests can be ${mutation === 'approveLeave' ? 'approved' : 'rejected'}`,
        },
      ]);
    }
    const cancelled = await decideLeave(hr.url, caller, 'cancelLeave', { leaveRequestId: leave.id, note: 'Plans changed' });
    expect(cancelled.leaveRequest).toMatchObject({ status: 'CANCELLED', decisionNote: 'Plans changed' });
  });

  it('rejects REQUESTED leave; REJECTED and CANCELLED are final', async () => {
    const caller = newCaller();
    const rejected = await requested(caller);
    expect(
      (await decideLeave(hr.url, caller, 'rejectLeave', { leaveRequestId: rejected.id, note: 'Busy week' })).leaveRequest,
    ).toMatchObject({
      status: 'REJECTED',
      decisionNote: 'Busy week',
    });
    const cancelled = await requested(caller);
    await decideLeave(hr.url, caller, 'cancelLeave', { leaveRequestId: cancelled.id });
    for (const leave of [rejected, cancelled]) {
      for (const mutation of ['approveLeave', 'rejectLeave', 'cancelLeave'] as const) {
        expect(codesOf(await decideLeave(hr.url, caller, mutation, { leaveRequestId: leave.id })), mutation).toEqual([
          'INVALID_TRANSITION',
        ]);
      }
    }
    const read = await query<HrData>(
      hr.url,
      caller,
      `query($a: ID!, $b: ID!) { a: leaveRequest(id: $a) { status } b: leaveRequest(id: $b) { status } }`,
      {
        a: rejected.id,
        b: cancelled.id,
      },
    );
    expect(read).toEqual({ a: { status: 'REJECTED' }, b: { status: 'CANCELLED' } });
  });

  it('lets only one of two concurrent decisions on the same request win', async () => {
    const caller = newCaller();
    const leave = await requested(caller);
    const results = await Promise.all([
      decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: leave.id }),
      decideLeave(hr.url, caller, 'rejectLeave', { leaveRequestId: leave.id }),
    ]);
    expect(results.filter((r) => r.leaveRequest !== null)).toHaveLength(1);
    expect(results.flatMap(codesOf)).toEqual(['INVALID_TRANSITION']);
  });

  it('answers NOT_FOUND for unknown requests and INVALID for an over-long note', async () => {
    const caller = newCaller();
    const leave = await requested(caller);
    expect(codesOf(await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: 'nope' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await decideLeave(hr.url, caller, 'cancelLeave', { leaveRequestId: '00000000-0000-4000-8000-000000000000' }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(codesOf(await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: leave.id, note: 'x'.repeat(1001) }))).toEqual([
      'INVALID',
    ]);
    expect(
      (await query<HrData>(hr.url, caller, `query($id: ID!) { leaveRequest(id: $id) { status } }`, { id: leave.id })).leaveRequest.status,
    ).toBe('REQUESTED');
  });
});

describe('leave and employee status', () => {
  it('makes the employee ON_LEAVE only while APPROVED leave covers today', async () => {
    const caller = newCaller();
    const employee = await employeeOf(caller);
    const status = async () =>
      (await query<HrData>(hr.url, caller, `query($id: ID!) { employee(id: $id) { status } }`, { id: employee.id })).employee
        .status as string;
    const future = await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: dayFromToday(5), endDate: dayFromToday(6) });
    await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: future.id });
    const today = await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: dayFromToday(0), endDate: dayFromToday(0) });
    expect(await status()).toBe('ACTIVE');
    await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: today.id });
    expect(await status()).toBe('ON_LEAVE');
    await decideLeave(hr.url, caller, 'cancelLeave', { leaveRequestId: today.id });
    expect(await status()).toBe('ACTIVE');
  });

  it('follows the subgraph’s clock: the same approved leave is ON_LEAVE on its days only', async () => {
    const caller = newCaller();
    const employee = await employeeOf(caller);
    const leave = await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: '2030-07-01', endDate: '2030-07-14' });
    await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: leave.id });
    const statusOn = async (instant: string) => {
      const at = await startHr({ now: () => new Date(instant) });
      try {
        const data = await query<HrData>(
          at.url,
          caller,
          `query($id: ID!) { employee(id: $id) { status } employees(filter: { status: [ON_LEAVE] }) { totalCount } }`,
          {
            id: employee.id,
          },
        );
        return [data.employee.status, data.employees.totalCount];
      } finally {
        await at.stop();
      }
    };
    expect(await statusOn('2030-06-30T23:59:59Z')).toEqual(['ACTIVE', 0]);
    expect(await statusOn('2030-07-01T00:00:00Z')).toEqual(['ON_LEAVE', 1]);
    expect(await statusOn('2030-07-14T23:00:00Z')).toEqual(['ON_LEAVE', 1]);
    expect(await statusOn('2030-07-15T00:00:00Z')).toEqual(['ACTIVE', 0]);
  });
});

describe('leave lists', () => {
  it('lists requests oldest first, by employee and status, and per employee', async () => {
    const caller = newCaller();
    const a = await employeeOf(caller);
    const b = await employeeOf(caller);
    const a1 = await requestLeave(hr.url, caller, { employeeId: a.id, startDate: '2026-03-02', endDate: '2026-03-02' });
    const b1 = await requestLeave(hr.url, caller, { employeeId: b.id, startDate: '2026-03-02', endDate: '2026-03-02' });
    const a2 = await requestLeave(hr.url, caller, { employeeId: a.id, startDate: '2026-04-02', endDate: '2026-04-02' });
    await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: a2.id });
    const ids = async (filter: Record<string, unknown>) => {
      const data = await query<HrData>(
        hr.url,
        caller,
        `query($f: LeaveRequestFilter) { leaveRequests(filter: $f) { totalCount edges { node { id } } } }`,
        {
          f: filter,
        },
      );
      expect(data.leaveRequests.totalCount).toBe(data.leaveRequests.edges.length);
      return data.leaveRequests.edges.map((e: { node: { id: string } }) => e.node.id);
    };
    expect(await ids({})).toEqual([a1.id, b1.id, a2.id]);
    expect(await ids({ employeeId: a.id })).toEqual([a1.id, a2.id]);
    expect(await ids({ status: ['APPROVED'] })).toEqual([a2.id]);
    expect(await ids({ employeeId: a.id, status: ['REQUESTED'] })).toEqual([a1.id]);
    expect(await ids({ status: [] })).toEqual([]);
    expect(await ids({ employeeId: 'nope' })).toEqual([]);
    const perEmployee = await query<HrData>(hr.url, caller, `query($id: ID!) { employee(id: $id) { leaveRequests { id status } } }`, {
      id: a.id,
    });
    expect(perEmployee.employee.leaveRequests).toEqual([
      { id: a1.id, status: 'REQUESTED' },
      { id: a2.id, status: 'APPROVED' },
    ]);
  });
});
