import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph, newCaller, codesOf, USER_ERRORS, mutate, query } from '../../../packages/testkit/src/index.js';
import {
  countRows,
  createDepartment,
  dayFromToday,
  decideLeave,
  EMPLOYEE_FIELDS,
  hire,
  requestLeave,
  startHr,
  uniqueEmail,
  type RunningHr,
  type HrData,
  type EmployeePayload,
} from './harness.js';

let hr: RunningHr;
beforeAll(async () => {
  hr = await startHr();
});
afterAll(async () => {
  await hr.stop();
});

const HIRE = `employee { ${EMPLOYEE_FIELDS} } ${USER_ERRORS}`;
const hireWith = (caller: ReturnType<typeof newCaller>, input: Record<string, unknown>) =>
  mutate<EmployeePayload>(hr.url, caller, 'hireEmployee', HIRE, input);
const update = (caller: ReturnType<typeof newCaller>, input: Record<string, unknown>) =>
  mutate<EmployeePayload>(hr.url, caller, 'updateEmployee', HIRE, input);
const terminate = (caller: ReturnType<typeof newCaller>, input: Record<string, unknown>) =>
  mutate<EmployeePayload>(hr.url, caller, 'terminateEmployee', HIRE, input);

describe('hireEmployee', () => {
  it('answers the contract operation unchanged, and hires ACTIVE with hiredAt defaulting to today', async () => {
    const caller = newCaller();
    const contract = `mutation HireEmployee($input: HireEmployeeInput!) {
      hireEmployee(input: $input) {
        employee { id name email jobTitle hiredAt }
        userErrors { field message code }
      }
    }`;
    const response = await callSubgraph(hr.url, caller, contract, {
      input: { name: '  Ada Lovelace ', email: ' Ada@Example.COM ', jobTitle: 'Engineer' },
    });
    expect(response.errors).toBeUndefined();
    const payload = response.data!.hireEmployee;
    expect(payload.userErrors).toEqual([]);
    expect(payload.employee).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      jobTitle: 'Engineer',
      hiredAt: dayFromToday(0),
    });
    const read = await query<HrData>(hr.url, caller, `query($id: ID!) { employee(id: $id) { ${EMPLOYEE_FIELDS} createdAt updatedAt } }`, {
      id: payload.employee.id,
    });
    expect(read.employee).toMatchObject({ status: 'ACTIVE', terminatedAt: null, department: null, manager: null, compensation: null });
  });

  it('keeps a given hire date, department, manager and salary', async () => {
    const caller = newCaller();
    const department = await createDepartment(hr.url, caller, { name: 'Engineering' });
    const boss = await hire(hr.url, caller, { name: 'Boss' });
    const employee = await hire(hr.url, caller, {
      hiredAt: '2025-01-15',
      departmentId: department.id,
      managerId: boss.id,
      salary: { amount: '52000.005', currency: 'eur' },
    });
    expect(employee).toMatchObject({
      hiredAt: '2025-01-15',
      department: { id: department.id, name: 'Engineering' },
      manager: { id: boss.id, name: 'Boss' },
      compensation: { amount: '52000.01', currency: 'EUR' },
    });
    const reports = await query<HrData>(hr.url, caller, `query($id: ID!) { employee(id: $id) { reports { id } } }`, { id: boss.id });
    expect(reports.employee.reports).toEqual([{ id: employee.id }]);
  });

  it('refuses invalid input with every reason at once, and changes nothing', async () => {
    const caller = newCaller();
    const payload = await hireWith(caller, {
      name: ' ',
      email: 'not-an-email',
      jobTitle: 'x'.repeat(201),
      salary: { amount: '-5', currency: 'EURO' },
      departmentId: 'nope',
      managerId: 'nope',
    });
    expect(payload.employee).toBeNull();
    expect(payload.userErrors.map((e) => [e.code, e.field!.join('.')])).toEqual([
      ['INVALID', 'input.name'],
      ['INVALID_EMAIL', 'input.email'],
      ['INVALID', 'input.jobTitle'],
      ['INVALID_CURRENCY', 'input.salary.currency'],
      ['INVALID_AMOUNT', 'input.salary.amount'],
      ['NOT_FOUND', 'input.departmentId'],
      ['NOT_FOUND', 'input.managerId'],
    ]);
    expect(await countRows(hr.db, caller.tenantId)).toEqual({ employees: 0, departments: 0, leaveRequests: 0, outbox: 0 });
  });

  it('refuses an email another employee of the tenant has, ignoring case (EMAIL_TAKEN)', async () => {
    const caller = newCaller();
    const email = uniqueEmail('taken');
    await hire(hr.url, caller, { email });
    const again = await hireWith(caller, { name: 'Twin', email: email.toUpperCase() });
    expect(again).toEqual({
      employee: null,
      userErrors: [{ code: 'EMAIL_TAKEN', field: ['input', 'email'], message: `Another employee already has the email ${email}` }],
    });
    // Another tenant may use it.
    await expect(hire(hr.url, newCaller(), { email })).resolves.toMatchObject({ email });
    expect((await countRows(hr.db, caller.tenantId)).employees).toBe(1);
  });

  it('hires exactly one of two concurrent hires with the same email', async () => {
    const caller = newCaller();
    const email = uniqueEmail('race');
    const results = await Promise.all([1, 2, 3].map((n) => hireWith(caller, { name: `Racer ${n}`, email })));
    expect(results.filter((r) => r.employee !== null)).toHaveLength(1);
    expect(results.flatMap(codesOf).sort()).toEqual(['EMAIL_TAKEN', 'EMAIL_TAKEN']);
    expect((await countRows(hr.db, caller.tenantId)).employees).toBe(1);
  });

  it('refuses unknown and terminated managers and unknown departments', async () => {
    const caller = newCaller();
    const gone = await hire(hr.url, caller, { name: 'Gone', hiredAt: '2024-01-01' });
    await terminate(caller, { employeeId: gone.id });
    const byTerminated = await hireWith(caller, { name: 'New', email: uniqueEmail(), managerId: gone.id });
    expect(byTerminated.userErrors).toEqual([
      { code: 'EMPLOYEE_TERMINATED', field: ['input', 'managerId'], message: 'A terminated employee cannot be a manager' },
    ]);
    const unknown = await hireWith(caller, {
      name: 'New',
      email: uniqueEmail(),
      managerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(codesOf(unknown)).toEqual(['NOT_FOUND']);
    const noDepartment = await hireWith(caller, {
      name: 'New',
      email: uniqueEmail(),
      departmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(noDepartment.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'departmentId'], message: 'No such department' }]);
    expect((await countRows(hr.db, caller.tenantId)).employees).toBe(1);
  });
});

describe('compensation', () => {
  it('is visible to OWNER and ADMIN callers only; MEMBERs read null', async () => {
    const owner = newCaller({ role: 'OWNER' });
    const admin = { ...owner, role: 'ADMIN' as const };
    const member = { ...owner, role: 'MEMBER' as const };
    const employee = await hire(hr.url, owner, { salary: { amount: '60000', currency: 'USD' } });
    const read = (caller: typeof owner) =>
      query<HrData>(
        hr.url,
        caller,
        `query($id: ID!) { employee(id: $id) { compensation { amount currency } } employees { edges { node { compensation { amount } } } } }`,
        {
          id: employee.id,
        },
      );
    expect(await read(owner)).toEqual({
      employee: { compensation: { amount: '60000.00', currency: 'USD' } },
      employees: { edges: [{ node: { compensation: { amount: '60000.00' } } }] },
    });
    expect((await read(admin)).employee.compensation).toEqual({ amount: '60000.00', currency: 'USD' });
    expect(await read(member)).toEqual({ employee: { compensation: null }, employees: { edges: [{ node: { compensation: null } }] } });
  });

  it('cannot be set or removed by a MEMBER (FORBIDDEN), and nothing changes', async () => {
    const owner = newCaller({ role: 'OWNER' });
    const member = { ...owner, role: 'MEMBER' as const };
    const refusedHire = await hireWith(member, { name: 'Paid', email: uniqueEmail(), salary: { amount: '1', currency: 'USD' } });
    expect(refusedHire.userErrors).toEqual([
      { code: 'FORBIDDEN', field: ['input', 'salary'], message: 'Only owners and admins may set compensation' },
    ]);
    const employee = await hire(hr.url, owner, { salary: { amount: '100', currency: 'USD' } });
    const refusedUpdate = await update(member, { employeeId: employee.id, salary: null, name: 'Renamed' });
    expect(codesOf(refusedUpdate)).toEqual(['FORBIDDEN']);
    const read = await query<HrData>(hr.url, owner, `query($id: ID!) { employee(id: $id) { name compensation { amount } } }`, {
      id: employee.id,
    });
    expect(read.employee).toEqual({ name: 'Test Person', compensation: { amount: '100.00' } });
    // A MEMBER may hire and update without touching pay.
    await expect(hire(hr.url, member, {})).resolves.toMatchObject({ compensation: null });
  });
});

describe('updateEmployee', () => {
  it('changes the given fields only; null clears job title, department, manager and salary', async () => {
    const caller = newCaller();
    const department = await createDepartment(hr.url, caller, { name: 'Ops' });
    const boss = await hire(hr.url, caller, { name: 'Boss' });
    const employee = await hire(hr.url, caller, { name: 'Worker', jobTitle: 'Clerk' });
    const email = uniqueEmail('NEW');
    const changed = await update(caller, {
      employeeId: employee.id,
      email,
      departmentId: department.id,
      managerId: boss.id,
      salary: { amount: '1000', currency: 'JPY' },
    });
    expect(changed.userErrors).toEqual([]);
    expect(changed.employee).toMatchObject({
      name: 'Worker',
      email: email.toLowerCase(),
      jobTitle: 'Clerk',
      department: { id: department.id },
      manager: { id: boss.id },
      compensation: { amount: '1000', currency: 'JPY' },
    });
    const cleared = await update(caller, { employeeId: employee.id, jobTitle: null, departmentId: null, managerId: null, salary: null });
    expect(cleared.employee).toMatchObject({ name: 'Worker', jobTitle: null, department: null, manager: null, compensation: null });
  });

  it('refuses another employee’s email, unknown ids and invalid values, changing nothing', async () => {
    const caller = newCaller();
    const first = await hire(hr.url, caller, { name: 'First' });
    const second = await hire(hr.url, caller, { name: 'Second' });
    const taken = await update(caller, { employeeId: second.id, email: first.email.toUpperCase(), name: 'Renamed' });
    expect(codesOf(taken)).toEqual(['EMAIL_TAKEN']);
    expect(codesOf(await update(caller, { employeeId: 'x' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await update(caller, { employeeId: '00000000-0000-4000-8000-000000000000', name: 'Ghost' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await update(caller, { employeeId: second.id, name: '', email: 'bad' }))).toEqual(['INVALID', 'INVALID_EMAIL']);
    // Keeping one's own email (in any case) is not taking someone else's.
    expect((await update(caller, { employeeId: second.id, email: second.email.toUpperCase() })).userErrors).toEqual([]);
    const read = await query<HrData>(hr.url, caller, `query($id: ID!) { employee(id: $id) { name email } }`, { id: second.id });
    expect(read.employee).toEqual({ name: 'Second', email: second.email });
  });

  it('gives an email to exactly one of several employees updated to it concurrently', async () => {
    for (let round = 0; round < 3; round += 1) {
      const caller = newCaller();
      const people = [await hire(hr.url, caller, {}), await hire(hr.url, caller, {}), await hire(hr.url, caller, {})];
      const email = uniqueEmail('wanted');
      const results = await Promise.all(people.map((person) => update(caller, { employeeId: person.id, email })));
      expect(results.filter((r) => r.employee !== null)).toHaveLength(1);
      expect(results.flatMap(codesOf)).toEqual(['EMAIL_TAKEN', 'EMAIL_TAKEN']);
    }
  });

  it('refuses reporting lines that loop (MANAGER_CYCLE), directly or through a chain', async () => {
    const caller = newCaller();
    const a = await hire(hr.url, caller, { name: 'A' });
    const b = await hire(hr.url, caller, { name: 'B', managerId: a.id });
    const c = await hire(hr.url, caller, { name: 'C', managerId: b.id });
    expect(codesOf(await update(caller, { employeeId: a.id, managerId: a.id }))).toEqual(['MANAGER_CYCLE']);
    expect(codesOf(await update(caller, { employeeId: a.id, managerId: b.id }))).toEqual(['MANAGER_CYCLE']);
    const loop = await update(caller, { employeeId: a.id, managerId: c.id });
    expect(loop.userErrors).toEqual([
      {
        code: 'MANAGER_CYCLE',
        field: ['input', 'managerId'],
        message: 'The manager reports to this employee (directly or not): reporting lines cannot loop',
      },
    ]);
    // Moving C under A directly is fine (no loop).
    expect((await update(caller, { employeeId: c.id, managerId: a.id })).employee.manager).toEqual({ id: a.id, name: 'A' });
    const read = await query<HrData>(hr.url, caller, `query($id: ID!) { employee(id: $id) { manager { id } } }`, { id: a.id });
    expect(read.employee.manager).toBeNull();
  });

  it('lets only one of two concurrent changes that would together close a loop succeed', async () => {
    for (let round = 0; round < 5; round += 1) {
      const caller = newCaller();
      const a = await hire(hr.url, caller, { name: 'A' });
      const b = await hire(hr.url, caller, { name: 'B' });
      const results = await Promise.all([
        update(caller, { employeeId: a.id, managerId: b.id }),
        update(caller, { employeeId: b.id, managerId: a.id }),
      ]);
      expect(results.filter((r) => r.employee !== null)).toHaveLength(1);
      expect(results.flatMap(codesOf)).toEqual(['MANAGER_CYCLE']);
    }
  });

  it('refuses a terminated manager and any change to a terminated employee', async () => {
    const caller = newCaller();
    const gone = await hire(hr.url, caller, { name: 'Gone', hiredAt: '2024-01-01' });
    const stays = await hire(hr.url, caller, { name: 'Stays' });
    await terminate(caller, { employeeId: gone.id });
    expect(codesOf(await update(caller, { employeeId: stays.id, managerId: gone.id }))).toEqual(['EMPLOYEE_TERMINATED']);
    expect(codesOf(await update(caller, { employeeId: gone.id, name: 'Back' }))).toEqual(['EMPLOYEE_TERMINATED']);
  });
});

describe('terminateEmployee', () => {
  it('terminates on the given last day with a reason; TERMINATED is final', async () => {
    const caller = newCaller();
    const employee = await hire(hr.url, caller, { hiredAt: '2024-05-01' });
    const done = await terminate(caller, { employeeId: employee.id, terminatedAt: '2025-06-30', reason: ' Moved abroad ' });
    expect(done.userErrors).toEqual([]);
    expect(done.employee).toMatchObject({ status: 'TERMINATED', terminatedAt: '2025-06-30', terminationReason: 'Moved abroad' });
    const again = await terminate(caller, { employeeId: employee.id });
    expect(again.userErrors).toEqual([
      { code: 'EMPLOYEE_TERMINATED', field: ['input', 'employeeId'], message: 'The employee is already terminated' },
    ]);
    const read = await query<HrData>(hr.url, caller, `query($id: ID!) { employee(id: $id) { status terminatedAt } }`, { id: employee.id });
    expect(read.employee).toEqual({ status: 'TERMINATED', terminatedAt: '2025-06-30' });
  });

  it('defaults the last day to today and refuses a day in the future or before the hire date', async () => {
    const caller = newCaller();
    const employee = await hire(hr.url, caller, { hiredAt: '2025-01-10' });
    expect(codesOf(await terminate(caller, { employeeId: employee.id, terminatedAt: dayFromToday(1) }))).toEqual(['INVALID_DATE']);
    expect(codesOf(await terminate(caller, { employeeId: employee.id, terminatedAt: '2025-01-09' }))).toEqual(['INVALID_DATE']);
    expect(codesOf(await terminate(caller, { employeeId: employee.id, reason: 'x'.repeat(1001) }))).toEqual(['INVALID']);
    expect(
      (await query<HrData>(hr.url, caller, `query($id: ID!) { employee(id: $id) { status } }`, { id: employee.id })).employee.status,
    ).toBe('ACTIVE');
    const done = await terminate(caller, { employeeId: employee.id });
    expect(done.employee).toMatchObject({ status: 'TERMINATED', terminatedAt: dayFromToday(0), terminationReason: null });
  });

  it('cancels open leave, keeps leave already taken, and removes the employee as department head', async () => {
    const caller = newCaller();
    const employee = await hire(hr.url, caller, { hiredAt: '2024-01-01' });
    const department = await createDepartment(hr.url, caller, { name: 'Support', headId: employee.id });
    const taken = await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: dayFromToday(-20), endDate: dayFromToday(-18) });
    await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: taken.id });
    const current = await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: dayFromToday(0), endDate: dayFromToday(3) });
    await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: current.id });
    const pending = await requestLeave(hr.url, caller, { employeeId: employee.id, startDate: dayFromToday(10), endDate: dayFromToday(12) });
    const rejected = await requestLeave(hr.url, caller, {
      employeeId: employee.id,
      startDate: dayFromToday(20),
      endDate: dayFromToday(21),
    });
    await decideLeave(hr.url, caller, 'rejectLeave', { leaveRequestId: rejected.id });
    expect(
      (await query<HrData>(hr.url, caller, `query($id: ID!) { employee(id: $id) { status } }`, { id: employee.id })).employee.status,
    ).toBe('ON_LEAVE');

    await terminate(caller, { employeeId: employee.id });
    const read = await query<HrData>(
      hr.url,
      caller,
      `query($id: ID!, $d: ID!) { employee(id: $id) { status leaveRequests { id status decisionNote } } department(id: $d) { head { id } } }`,
      { id: employee.id, d: department.id },
    );
    expect(read.employee.status).toBe('TERMINATED');
    expect(read.employee.leaveRequests).toEqual([
      { id: taken.id, status: 'APPROVED', decisionNote: null },
      { id: current.id, status: 'CANCELLED', decisionNote: 'Cancelled: the employee was terminated' },
      { id: pending.id, status: 'CANCELLED', decisionNote: 'Cancelled: the employee was terminated' },
      { id: rejected.id, status: 'REJECTED', decisionNote: null },
    ]);
    expect(read.department.head).toBeNull();
  });
});

describe('employees', () => {
  it('lists oldest first with search, status (ON_LEAVE derived today) and department filters, paged', async () => {
    const caller = newCaller();
    const sales = await createDepartment(hr.url, caller, { name: 'Sales' });
    await hire(hr.url, caller, { name: 'Ada', email: uniqueEmail('ada'), jobTitle: 'Seller', departmentId: sales.id });
    const bob = await hire(hr.url, caller, { name: 'Bob', hiredAt: '2024-01-01' });
    const cy = await hire(hr.url, caller, { name: 'Cy', departmentId: sales.id, hiredAt: '2024-01-01' });
    const dee = await hire(hr.url, caller, { name: 'Dee', hiredAt: '2024-01-01' });
    await terminate(caller, { employeeId: bob.id });
    const leave = await requestLeave(hr.url, caller, { employeeId: cy.id, startDate: dayFromToday(-1), endDate: dayFromToday(1) });
    await decideLeave(hr.url, caller, 'approveLeave', { leaveRequestId: leave.id });
    // Requested (not approved) leave today does not make Dee ON_LEAVE.
    await requestLeave(hr.url, caller, { employeeId: dee.id, startDate: dayFromToday(0), endDate: dayFromToday(0) });

    const names = async (filter: Record<string, unknown>) => {
      const data = await query<HrData>(
        hr.url,
        caller,
        `query($f: EmployeeFilter) { employees(filter: $f) { totalCount edges { node { name status } } } }`,
        {
          f: filter,
        },
      );
      expect(data.employees.totalCount).toBe(data.employees.edges.length);
      return data.employees.edges.map((e: { node: { name: string; status: string } }) => `${e.node.name}:${e.node.status}`);
    };
    expect(await names({})).toEqual(['Ada:ACTIVE', 'Bob:TERMINATED', 'Cy:ON_LEAVE', 'Dee:ACTIVE']);
    expect(await names({ status: ['ACTIVE'] })).toEqual(['Ada:ACTIVE', 'Dee:ACTIVE']);
    expect(await names({ status: ['ON_LEAVE', 'TERMINATED'] })).toEqual(['Bob:TERMINATED', 'Cy:ON_LEAVE']);
    expect(await names({ status: [] })).toEqual([]);
    expect(await names({ departmentId: sales.id })).toEqual(['Ada:ACTIVE', 'Cy:ON_LEAVE']);
    expect(await names({ departmentId: 'nope' })).toEqual([]);
    expect(await names({ search: 'SELL' })).toEqual(['Ada:ACTIVE']);
    expect(await names({ search: 'ADA.', status: ['ACTIVE'] })).toEqual(['Ada:ACTIVE']);
    expect(await names({ search: 'ADA.', status: ['TERMINATED'] })).toEqual([]);
    expect(await names({ search: '%' })).toEqual([]);

    const page1 = await query<HrData>(
      hr.url,
      caller,
      '{ employees(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }',
    );
    expect(page1.employees.totalCount).toBe(4);
    expect(page1.employees.pageInfo.hasNextPage).toBe(true);
    const page2 = await query<HrData>(
      hr.url,
      caller,
      'query($after: String) { employees(first: 3, after: $after) { pageInfo { hasNextPage hasPreviousPage } edges { node { name } } } }',
      {
        after: page1.employees.pageInfo.endCursor,
      },
    );
    expect(page2.employees).toEqual({ pageInfo: { hasNextPage: false, hasPreviousPage: true }, edges: [{ node: { name: 'Dee' } }] });
    const tooMany = await callSubgraph(hr.url, caller, '{ employees(first: 101) { totalCount } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists a manager’s reports without terminated ones, at most `first`', async () => {
    const caller = newCaller();
    const boss = await hire(hr.url, caller, { name: 'Boss' });
    const reports = [];
    for (const name of ['R1', 'R2', 'R3']) reports.push(await hire(hr.url, caller, { name, managerId: boss.id, hiredAt: '2024-01-01' }));
    await terminate(caller, { employeeId: reports[1]!.id });
    const read = await query<HrData>(
      hr.url,
      caller,
      `query($id: ID!) { employee(id: $id) { all: reports { name } one: reports(first: 1) { name } none: reports(first: 0) { name } } }`,
      {
        id: boss.id,
      },
    );
    expect(read.employee).toEqual({ all: [{ name: 'R1' }, { name: 'R3' }], one: [{ name: 'R1' }], none: [] });
  });
});
