import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox, parseEnvelope, type EventEnvelope, type EventType, type NewEvent, type SqlExecutor } from '@tessera/events';
import { callSubgraph, newCaller, asTenant, codesOf, USER_ERRORS, mutate } from '../../../packages/testkit/src/index.js';
import {
  countRows,
  createDepartment,
  dayFromToday,
  decideLeave,
  EMPLOYEE_FIELDS,
  hire,
  outboxRows,
  requestLeave,
  startHr,
  TEST_NAMESPACE,
  uniqueEmail,
  type RunningHr,
  type EmployeePayload,
} from './harness.js';

let hr: RunningHr;
beforeAll(async () => {
  hr = await startHr();
});
afterAll(async () => {
  await hr.stop();
});

type Caller = ReturnType<typeof newCaller>;
const update = (caller: Caller, input: Record<string, unknown>) =>
  mutate<EmployeePayload>(hr.url, caller, 'updateEmployee', `employee { id } ${USER_ERRORS}`, input);
const terminate = (caller: Caller, input: Record<string, unknown>) =>
  mutate<EmployeePayload>(hr.url, caller, 'terminateEmployee', `employee { id } ${USER_ERRORS}`, input);

describe('hr.employee.hired', () => {
  it('is recorded once, unpublished, with a valid envelope, by a hire', async () => {
    const caller = newCaller();
    const department = await createDepartment(hr.url, caller, { name: 'Sales' });
    const boss = await hire(hr.url, caller, { name: 'Boss' });
    const before = await outboxRows(hr.db, caller.tenantId);
    const email = uniqueEmail('HIRED');
    const employee = await hire(hr.url, caller, {
      name: 'Ada',
      email,
      jobTitle: 'Seller',
      hiredAt: '2026-02-01',
      departmentId: department.id,
      managerId: boss.id,
      salary: { amount: '48000', currency: 'EUR' },
    });
    const rows = (await outboxRows(hr.db, caller.tenantId)).slice(before.length);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      tenantId: caller.tenantId,
      type: 'hr.employee.hired',
      subjectId: employee.id,
      subject: `${TEST_NAMESPACE}.hr.${caller.tenantId}.employee.hired`,
      publishedAt: null,
    });
    const envelope = parseEnvelope(row!.envelope);
    expect(envelope).toMatchObject({
      id: row!.id,
      type: 'hr.employee.hired',
      version: 1,
      tenantId: caller.tenantId,
      source: 'hr',
      subjectId: employee.id,
      data: {
        name: 'Ada',
        email: email.toLowerCase(),
        jobTitle: 'Seller',
        departmentId: department.id,
        managerId: boss.id,
        hiredAt: '2026-02-01',
        salary: { amount: '48000.00', currency: 'EUR' },
        revision: 1,
      },
    });
  });

  it('is not recorded by a refused hire', async () => {
    const caller = newCaller();
    const taken = await hire(hr.url, caller, {});
    const before = await countRows(hr.db, caller.tenantId);
    const refusals = [
      { name: 'Dup', email: taken.email },
      { name: '', email: uniqueEmail() },
      { name: 'X', email: uniqueEmail(), managerId: '00000000-0000-4000-8000-000000000000' },
      { name: 'X', email: uniqueEmail(), salary: { amount: '-1', currency: 'EUR' } },
    ];
    for (const input of refusals) {
      const payload = await mutate<EmployeePayload>(hr.url, caller, 'hireEmployee', `employee { id } ${USER_ERRORS}`, input);
      expect(payload.employee, JSON.stringify(input)).toBeNull();
    }
    expect(await countRows(hr.db, caller.tenantId)).toEqual(before);
    expect((await outboxRows(hr.db, caller.tenantId)).filter((row) => row.type === 'hr.employee.hired')).toHaveLength(1);
  });

  it('shares the transaction of the hire: when recording the event fails, no employee is hired', async () => {
    class FailingOutbox extends Outbox {
      override async record<T extends EventType>(tx: SqlExecutor, event: NewEvent<T>): Promise<EventEnvelope<T>> {
        await super.record(tx, event);
        throw new Error('bus bookkeeping failed');
      }
    }
    const failing = await startHr({ outbox: new FailingOutbox('hr', TEST_NAMESPACE) });
    try {
      const caller = newCaller();
      const response = await callSubgraph(
        failing.url,
        caller,
        `mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { employee { ${EMPLOYEE_FIELDS} } ${USER_ERRORS} } }`,
        { input: { name: 'Never', email: uniqueEmail() } },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await countRows(hr.db, caller.tenantId)).toEqual({ employees: 0, departments: 0, leaveRequests: 0, outbox: 0 });
    } finally {
      await failing.stop();
    }
  });
});

describe('hr.employee.updated', () => {
  it('is recorded by each change (fields, department, manager, salary) with the state after it', async () => {
    const caller = newCaller();
    const department = await createDepartment(hr.url, caller, { name: 'Ops' });
    const boss = await hire(hr.url, caller, { name: 'Boss' });
    const employee = await hire(hr.url, caller, { name: 'Worker', hiredAt: '2024-01-01' });
    const leave = await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: dayFromToday(0), endDate: dayFromToday(1) });
    await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: leave.id });
    const changes = [
      { name: 'Worker Bee', jobTitle: 'Drone' },
      { departmentId: department.id },
      { managerId: boss.id },
      { salary: { amount: '30000', currency: 'USD' } },
    ];
    const before = (await outboxRows(hr.db, caller.tenantId)).length;
    for (const change of changes) expect((await update(caller, { employeeId: employee.id, ...change })).userErrors).toEqual([]);
    const rows = (await outboxRows(hr.db, caller.tenantId)).slice(before);
    expect(rows.map((row) => [row.type, row.subjectId])).toEqual(changes.map(() => ['hr.employee.updated', employee.id]));
    expect(rows.map((row) => (parseEnvelope(row.envelope).data as { revision: number }).revision)).toEqual([2, 3, 4, 5]);
    const last = parseEnvelope(rows.at(-1)!.envelope);
    expect(last.data).toEqual({
      name: 'Worker Bee',
      email: employee.email,
      jobTitle: 'Drone',
      departmentId: department.id,
      managerId: boss.id,
      hiredAt: '2024-01-01',
      status: 'ON_LEAVE',
      terminatedAt: null,
      salary: { amount: '30000.00', currency: 'USD' },
      revision: 5,
    });
  });

  it('is not recorded by a change that changes nothing, nor by a refused one', async () => {
    const caller = newCaller();
    const employee = await hire(hr.url, caller, { name: 'Same', jobTitle: 'Clerk', salary: { amount: '10', currency: 'EUR' } });
    const other = await hire(hr.url, caller, {});
    const before = await outboxRows(hr.db, caller.tenantId);
    expect(
      (await update(caller, { employeeId: employee.id, name: ' Same ', jobTitle: 'Clerk', salary: { amount: '10.00', currency: 'eur' } }))
        .userErrors,
    ).toEqual([]);
    expect(codesOf(await update(caller, { employeeId: employee.id, email: other.email }))).toEqual(['EMAIL_TAKEN']);
    expect(codesOf(await update(caller, { employeeId: employee.id, managerId: employee.id }))).toEqual(['MANAGER_CYCLE']);
    expect(await outboxRows(hr.db, caller.tenantId)).toEqual(before);
  });
});

describe('hr.employee.terminated', () => {
  it('is recorded once by a termination, with the last day and reason; a refused termination records nothing', async () => {
    const caller = newCaller();
    const employee = await hire(hr.url, caller, { hiredAt: '2024-01-01' });
    expect(codesOf(await terminate(caller, { employeeId: employee.id, terminatedAt: dayFromToday(2) }))).toEqual(['INVALID_DATE']);
    const before = (await outboxRows(hr.db, caller.tenantId)).length;
    await terminate(caller, { employeeId: employee.id, terminatedAt: '2025-12-31', reason: 'Retired' });
    expect(codesOf(await terminate(caller, { employeeId: employee.id }))).toEqual(['EMPLOYEE_TERMINATED']);
    const rows = (await outboxRows(hr.db, caller.tenantId)).slice(before);
    expect(rows).toHaveLength(1);
    expect(parseEnvelope(rows[0]!.envelope)).toMatchObject({
      type: 'hr.employee.terminated',
      subjectId: employee.id,
      data: {
        name: employee.name,
        email: employee.email,
        jobTitle: null,
        departmentId: null,
        managerId: null,
        hiredAt: '2024-01-01',
        salary: null,
        revision: 2,
        terminatedAt: '2025-12-31',
        reason: 'Retired',
      },
    });
  });
});

describe('the employee revision', () => {
  const revisionOf = (caller: Caller, id: string) =>
    asTenant(hr.db, caller.tenantId, async (tx) => (await tx.employee.findUniqueOrThrow({ where: { id } })).revision);
  const eventRevisions = async (caller: Caller, id: string) =>
    (await outboxRows(hr.db, caller.tenantId))
      .filter((row) => row.subjectId === id)
      .map((row) => [row.type, (parseEnvelope(row.envelope).data as { revision: number }).revision]);

  it('is 1 on hire and one more with each change that records an event, which carries it; refused and empty changes keep it', async () => {
    const caller = newCaller();
    const other = await hire(hr.url, caller, {});
    const employee = await hire(hr.url, caller, { hiredAt: '2024-01-01' });
    expect(await revisionOf(caller, employee.id)).toBe(1);

    expect((await update(caller, { employeeId: employee.id, name: employee.name })).userErrors).toEqual([]); // nothing changes
    expect(codesOf(await update(caller, { employeeId: employee.id, email: other.email }))).toEqual(['EMAIL_TAKEN']);
    expect(await revisionOf(caller, employee.id)).toBe(1);

    expect((await update(caller, { employeeId: employee.id, jobTitle: 'Clerk' })).userErrors).toEqual([]);
    expect((await update(caller, { employeeId: employee.id, name: 'Renamed' })).userErrors).toEqual([]);
    expect(codesOf(await terminate(caller, { employeeId: employee.id, terminatedAt: '2023-12-31' }))).toEqual(['INVALID_DATE']);
    expect(await revisionOf(caller, employee.id)).toBe(3);

    expect((await terminate(caller, { employeeId: employee.id, terminatedAt: '2025-06-30' })).userErrors).toEqual([]);
    expect(codesOf(await update(caller, { employeeId: employee.id, name: 'Too late' }))).toEqual(['EMPLOYEE_TERMINATED']);
    expect(await revisionOf(caller, employee.id)).toBe(4);
    expect(await eventRevisions(caller, employee.id)).toEqual([
      ['hr.employee.hired', 1],
      ['hr.employee.updated', 2],
      ['hr.employee.updated', 3],
      ['hr.employee.terminated', 4],
    ]);
    // the other employee's revision is its own
    expect(await revisionOf(caller, other.id)).toBe(1);
  });

  it('gives concurrent changes of one employee distinct, consecutive revisions, in the order they committed', async () => {
    const caller = newCaller();
    const employee = await hire(hr.url, caller, {});
    const titles = Array.from({ length: 8 }, (_, i) => `Title ${i}`);
    const results = await Promise.all(titles.map((jobTitle) => update(caller, { employeeId: employee.id, jobTitle })));
    expect(results.map((result) => result.userErrors)).toEqual(titles.map(() => []));
    const updates = (await outboxRows(hr.db, caller.tenantId)).filter((row) => row.type === 'hr.employee.updated');
    // recorded (seq) order is commit order under the row lock: revisions 2..9 in that order
    expect(updates.map((row) => (parseEnvelope(row.envelope).data as { revision: number }).revision)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await revisionOf(caller, employee.id)).toBe(9);
    // the last revision carries the job title the employee has now
    const now = await asTenant(hr.db, caller.tenantId, (tx) => tx.employee.findUniqueOrThrow({ where: { id: employee.id } }));
    expect((parseEnvelope(updates.at(-1)!.envelope).data as { jobTitle: string }).jobTitle).toBe(now.jobTitle);
  });

  it('cannot go below 1 in the database', async () => {
    const caller = newCaller();
    const employee = await hire(hr.url, caller, {});
    await expect(
      asTenant(hr.db, caller.tenantId, (tx) => tx.employee.update({ where: { id: employee.id }, data: { revision: 0 } })),
    ).rejects.toThrow(/employees_revision_positive|check constraint/i);
  });
});
