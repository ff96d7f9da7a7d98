import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_CONTEXT_HEADER, signCallerContext } from '@tessera/service-kit';
import {
  anonymousCaller,
  callSubgraph,
  newCaller,
  resolveEntities,
  asTenant,
  USER_ERRORS,
  mutate,
  query,
} from '../../../packages/testkit/src/index.js';
import {
  countRows,
  createDepartment,
  DEPARTMENT_FIELDS,
  hire,
  LEAVE_FIELDS,
  outboxRows,
  requestLeave,
  startHr,
  uniqueEmail,
  type RunningHr,
  type HrData,
  type EmployeePayload,
  type DepartmentPayload,
  type LeavePayload,
} from './harness.js';

let hr: RunningHr;
beforeAll(async () => {
  hr = await startHr();
});
afterAll(async () => {
  await hr.stop();
});

/** Two fresh tenants; A has a department, a manager, an employee and a leave request; B has nothing. */
async function seedA() {
  const tenantA = newCaller();
  const tenantB = newCaller();
  const department = await createDepartment(hr.url, tenantA, { name: 'Secret Lab' });
  const manager = await hire(hr.url, tenantA, { name: 'Secret Boss', hiredAt: '2024-01-01' });
  const employee = await hire(hr.url, tenantA, {
    name: 'Secret Sam',
    email: uniqueEmail('secret'),
    hiredAt: '2024-01-01',
    departmentId: department.id,
    managerId: manager.id,
    salary: { amount: '99000', currency: 'EUR' },
  });
  const leave = await requestLeave(hr.url, tenantA, { employeeId: employee.id, startDate: '2026-08-03', endDate: '2026-08-07' });
  return { tenantA, tenantB, department, manager, employee, leave };
}

describe('tenant isolation', () => {
  it('B cannot read A’s rows by id, in lists, in search or through _entities', async () => {
    const a = await seedA();
    const read = await query<HrData>(
      hr.url,
      a.tenantB,
      `query($e: ID!, $d: ID!, $l: ID!) {
        employee(id: $e) { id }
        department(id: $d) { id }
        leaveRequest(id: $l) { id }
        employees { totalCount }
        searched: employees(filter: { search: "secret" }) { totalCount }
        inDepartment: employees(filter: { departmentId: $d }) { totalCount }
        departments { totalCount }
        leaveRequests { totalCount }
        leaveOfEmployee: leaveRequests(filter: { employeeId: $e }) { totalCount }
      }`,
      { e: a.employee.id, d: a.department.id, l: a.leave.id },
    );
    expect(read).toEqual({
      employee: null,
      department: null,
      leaveRequest: null,
      employees: { totalCount: 0 },
      searched: { totalCount: 0 },
      inDepartment: { totalCount: 0 },
      departments: { totalCount: 0 },
      leaveRequests: { totalCount: 0 },
      leaveOfEmployee: { totalCount: 0 },
    });
    const representations = [
      { __typename: 'Employee', id: a.employee.id },
      { __typename: 'Department', id: a.department.id },
      { __typename: 'LeaveRequest', id: a.leave.id },
    ];
    const selection = '... on Employee { id name } ... on Department { id name } ... on LeaveRequest { id status }';
    const entities = await resolveEntities(hr.url, a.tenantB, representations, selection);
    expect(entities.errors).toBeUndefined();
    expect(entities.data?._entities).toEqual([null, null, null]);
    // A itself sees all of it (the test would pass vacuously otherwise).
    const own = await resolveEntities(hr.url, a.tenantA, representations, selection);
    expect(own.data?._entities).toEqual([
      { id: a.employee.id, name: 'Secret Sam' },
      { id: a.department.id, name: 'Secret Lab' },
      { id: a.leave.id, status: 'REQUESTED' },
    ]);
  });

  it('B cannot change, terminate, manage, lead, place in a department or decide on A’s rows', async () => {
    const a = await seedA();
    const { tenantA, tenantB } = a;
    const before = await countRows(hr.db, tenantA.tenantId);
    const beforeOutbox = await outboxRows(hr.db, tenantA.tenantId);
    const notFound = (field: string, what = 'employee') => [{ code: 'NOT_FOUND', field: ['input', field], message: `No such ${what}` }];

    expect(
      (await mutate<EmployeePayload>(hr.url, tenantB, 'updateEmployee', USER_ERRORS, { employeeId: a.employee.id, name: 'Hijacked' }))
        .userErrors,
    ).toEqual(notFound('employeeId'));
    expect(
      (await mutate<EmployeePayload>(hr.url, tenantB, 'terminateEmployee', USER_ERRORS, { employeeId: a.employee.id })).userErrors,
    ).toEqual(notFound('employeeId'));
    expect(
      (
        await mutate<LeavePayload>(hr.url, tenantB, 'requestLeave', `leaveRequest { ${LEAVE_FIELDS} } ${USER_ERRORS}`, {
          employeeId: a.employee.id,
          type: 'VACATION',
          startDate: '2026-09-01',
          endDate: '2026-09-02',
        })
      ).userErrors,
    ).toEqual(notFound('employeeId'));
    for (const decision of ['approveLeave', 'rejectLeave', 'cancelLeave']) {
      const payload = await mutate<LeavePayload>(
        hr.url,
        tenantB,
        decision,
        `leaveRequest { id } ${USER_ERRORS}`,
        {
          leaveRequestId: a.leave.id,
        },
        'DecideLeaveInput',
      );
      expect(payload, decision).toEqual({ leaveRequest: null, userErrors: notFound('leaveRequestId', 'leave request') });
    }
    expect(
      (await mutate<DepartmentPayload>(hr.url, tenantB, 'updateDepartment', USER_ERRORS, { departmentId: a.department.id, name: 'Mine' }))
        .userErrors,
    ).toEqual(notFound('departmentId', 'department'));
    // B's own rows cannot point at A's.
    const hireUnderA = await mutate<EmployeePayload>(hr.url, tenantB, 'hireEmployee', `employee { id } ${USER_ERRORS}`, {
      name: 'Mole',
      email: uniqueEmail(),
      managerId: a.manager.id,
    });
    expect(hireUnderA.userErrors).toEqual(notFound('managerId'));
    const hireIntoA = await mutate<EmployeePayload>(hr.url, tenantB, 'hireEmployee', `employee { id } ${USER_ERRORS}`, {
      name: 'Mole',
      email: uniqueEmail(),
      departmentId: a.department.id,
    });
    expect(hireIntoA.userErrors).toEqual(notFound('departmentId', 'department'));
    const ledByA = await mutate<DepartmentPayload>(
      hr.url,
      tenantB,
      'createDepartment',
      `department { ${DEPARTMENT_FIELDS} } ${USER_ERRORS}`,
      {
        name: 'Secret Lab',
        headId: a.manager.id,
      },
    );
    expect(ledByA.userErrors).toEqual(notFound('headId'));
    const bEmployee = await hire(hr.url, tenantB, { name: 'Bee', email: a.employee.email });
    expect(bEmployee.email).toBe(a.employee.email); // emails are unique per tenant, not across tenants
    const bUnderA = await mutate<EmployeePayload>(hr.url, tenantB, 'updateEmployee', USER_ERRORS, {
      employeeId: bEmployee.id,
      managerId: a.manager.id,
      departmentId: a.department.id,
    });
    expect(bUnderA.userErrors).toEqual([...notFound('departmentId', 'department')]);

    expect(await countRows(hr.db, tenantA.tenantId)).toEqual(before);
    expect(await outboxRows(hr.db, tenantA.tenantId)).toEqual(beforeOutbox);
    const aView = await query<HrData>(hr.url, tenantA, `query($id: ID!) { employee(id: $id) { name status leaveRequests { status } } }`, {
      id: a.employee.id,
    });
    expect(aView.employee).toEqual({ name: 'Secret Sam', status: 'ACTIVE', leaveRequests: [{ status: 'REQUESTED' }] });
  });

  it('B cannot make A’s employee its employee’s manager (checked without a department in the way)', async () => {
    const a = await seedA();
    const bEmployee = await hire(hr.url, a.tenantB, { name: 'Bee' });
    const payload = await mutate<EmployeePayload>(hr.url, a.tenantB, 'updateEmployee', USER_ERRORS, {
      employeeId: bEmployee.id,
      managerId: a.manager.id,
    });
    expect(payload.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'managerId'], message: 'No such employee' }]);
  });

  it('the database itself refuses cross-tenant rows (row-level security, composite foreign keys)', async () => {
    const a = await seedA();
    const { tenantA, tenantB } = a;
    // Without a tenant filter in the query, RLS still shows B nothing of A's.
    expect(await asTenant(hr.db, tenantB.tenantId, (tx) => tx.employee.findMany({ where: { id: a.employee.id } }))).toEqual([]);
    expect(await asTenant(hr.db, tenantB.tenantId, (tx) => tx.outboxEvent.count())).toBe(0);
    // B cannot write a row for A (WITH CHECK) ...
    await expect(
      asTenant(hr.db, tenantB.tenantId, (tx) =>
        tx.employee.create({ data: { tenantId: tenantA.tenantId, name: 'Planted', email: uniqueEmail(), hiredAt: new Date() } }),
      ),
    ).rejects.toThrow();
    // ... nor point its own rows at A's (FOREIGN KEY (tenant_id, x_id)).
    await expect(
      asTenant(hr.db, tenantB.tenantId, (tx) =>
        tx.employee.create({
          data: { tenantId: tenantB.tenantId, name: 'x', email: uniqueEmail(), hiredAt: new Date(), managerId: a.manager.id },
        }),
      ),
    ).rejects.toThrow(/foreign key|Foreign key/);
    await expect(
      asTenant(hr.db, tenantB.tenantId, (tx) =>
        tx.leaveRequest.create({
          data: { tenantId: tenantB.tenantId, employeeId: a.employee.id, type: 'SICK', startDate: new Date(), endDate: new Date() },
        }),
      ),
    ).rejects.toThrow(/foreign key|Foreign key/);
    // Outside a tenant transaction the app role sees no rows at all.
    const [{ count }] = await hr.db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM employees`;
    expect(Number(count)).toBe(0);
  });
});

describe('authentication', () => {
  const LIST = '{ employees { totalCount } }';

  it('answers 401 without a signed context, or with a forged one', async () => {
    const missing = await callSubgraph(hr.url, null, LIST);
    expect(missing.status).toBe(401);
    expect(missing.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await fetch(hr.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: signCallerContext(newCaller(), 'x'.repeat(40)) },
      body: JSON.stringify({ query: LIST }),
    });
    expect(forged.status).toBe(401);
    const entities = await callSubgraph(hr.url, null, 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
      r: [{ __typename: 'Employee', id: randomUUID() }],
    });
    expect(entities.status).toBe(401);
  });

  it('refuses a signed context without a tenant', async () => {
    const response = await callSubgraph(hr.url, anonymousCaller(), LIST);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
