import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaller, asTenant, query } from '../../../packages/testkit/src/index.js';
import { EMPLOYEE_FIELDS, hire, LEAVE_FIELDS, requestLeave, startHr, type RunningHr } from './harness.js';

let hr: RunningHr;
beforeAll(async () => {
  hr = await startHr();
});
afterAll(async () => {
  await hr.stop();
});

/** Years below 100 are where JavaScript's Date.UTC(y, ...) and new Date(y, ...) slip to 1900 + y. */
const DAYS = ['0001-01-01', '0099-06-15', '0100-01-01', '1999-12-31', '9999-12-31'];

describe('calendar dates are stored exactly as given (issue 12 item 4)', () => {
  it.each(DAYS)('hires with hiredAt %s and reads it back unchanged, from the API and the database', async (day) => {
    const caller = newCaller();
    const hired = await hire(hr.url, caller, { hiredAt: day });
    expect(hired.hiredAt).toBe(day);
    const read = await query<{ employee: { hiredAt: string } }>(
      hr.url,
      caller,
      `query($id: ID!) { employee(id: $id) { ${EMPLOYEE_FIELDS} } }`,
      {
        id: hired.id,
      },
    );
    expect(read.employee.hiredAt).toBe(day);
    const row = await asTenant(hr.db, caller.tenantId, (tx) => tx.employee.findFirst({ where: { id: hired.id } }));
    expect(row!.hiredAt.toISOString().slice(0, 10)).toBe(day);
  });

  it.each(DAYS)('takes a leave request on %s and reads its dates back unchanged', async (day) => {
    const caller = newCaller();
    const employee = await hire(hr.url, caller, { hiredAt: day });
    const leave = await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: day, endDate: day });
    expect([leave.startDate, leave.endDate]).toEqual([day, day]);
    const read = await query<{ leaveRequest: { startDate: string; endDate: string; days: number } }>(
      hr.url,
      caller,
      `query($id: ID!) { leaveRequest(id: $id) { ${LEAVE_FIELDS} } }`,
      { id: leave.id },
    );
    expect(read.leaveRequest).toMatchObject({ startDate: day, endDate: day, days: 1 });
  });
});
