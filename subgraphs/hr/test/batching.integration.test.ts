import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSql, newCaller, resolveEntities, type SqlCounter, asTenant, query } from '../../../packages/testkit/src/index.js';
import { startHr, type RunningHr, type HrData } from './harness.js';

/**
 * What one request costs in SQL: with DataLoader, a plan step is one statement however many
 * parents it has (set_config and COMMIT of each tenant transaction are counted apart).
 */
let hr: RunningHr;
let sql: SqlCounter;
const caller = newCaller();
const departmentIds: string[] = [];
const employeeIds: string[] = [];
const TODAY = new Date();

beforeAll(async () => {
  hr = await startHr({ logQueries: true });
  sql = countSql(hr.db);
  // 3 departments; 50 employees: the first 5 manage the rest, every 5th has no department;
  // every employee has one leave request, every 7th an approved one covering today.
  await asTenant(hr.db, caller.tenantId, async (tx) => {
    for (let d = 0; d < 3; d += 1) {
      const department = await tx.department.create({
        data: { tenantId: caller.tenantId, name: `Dept ${d}`, normalizedName: `dept ${d}` },
      });
      departmentIds.push(department.id);
    }
    for (let i = 0; i < 50; i += 1) {
      const employee = await tx.employee.create({
        data: {
          tenantId: caller.tenantId,
          name: `Employee ${i}`,
          email: `employee${i}@example.com`,
          hiredAt: new Date('2024-01-01T00:00:00Z'),
          departmentId: i % 5 === 4 ? null : departmentIds[i % 3]!,
          managerId: i < 5 ? null : employeeIds[i % 5]!,
          salaryAmount: '50000',
          salaryCurrency: 'EUR',
        },
      });
      employeeIds.push(employee.id);
      const approved = i % 7 === 0;
      await tx.leaveRequest.create({
        data: {
          tenantId: caller.tenantId,
          employeeId: employee.id,
          type: 'VACATION',
          status: approved ? 'APPROVED' : 'REQUESTED',
          startDate: new Date(Date.UTC(TODAY.getUTCFullYear(), TODAY.getUTCMonth(), TODAY.getUTCDate() - 1)),
          endDate: new Date(Date.UTC(TODAY.getUTCFullYear(), TODAY.getUTCMonth(), TODAY.getUTCDate() + 1)),
          decidedAt: approved ? new Date() : null,
        },
      });
    }
  });
});
afterAll(async () => {
  await hr.stop();
});

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; data: number }> {
  sql.reset();
  const result = await work();
  return { result, data: sql.data };
}

describe('DataLoader batching', () => {
  it('_entities for 50 employees (as CRM’s Deal.owner and payroll ask for them) costs ONE data statement', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        hr.url,
        caller,
        employeeIds.map((id) => ({ __typename: 'Employee', id })),
        '... on Employee { id name email compensation { amount } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as { id: string; name: string }[];
    expect(entities.map((e) => e.id)).toEqual(employeeIds);
    expect(entities[7]).toMatchObject({ name: 'Employee 7', compensation: { amount: '50000.00' } });
    expect(data).toBe(1);
  });

  it('costs the same one statement for 5 references as for 50, and answers null for unknown or malformed ids', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        hr.url,
        caller,
        [...employeeIds.slice(0, 5), '00000000-0000-4000-8000-000000000000', 'not-a-uuid'].map((id) => ({ __typename: 'Employee', id })),
        '... on Employee { id }',
      ),
    );
    expect(result.data!._entities.slice(5)).toEqual([null, null]);
    expect(data).toBe(1);
  });

  it('_entities for 50 employees with status, department, manager and leave costs 4 data statements', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        hr.url,
        caller,
        employeeIds.map((id) => ({ __typename: 'Employee', id })),
        '... on Employee { id status department { name } manager { name } leaveRequests { status } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as any[];
    expect(entities[7]).toEqual({
      id: employeeIds[7],
      status: 'ON_LEAVE',
      department: { name: 'Dept 1' },
      manager: { name: 'Employee 2' },
      leaveRequests: [{ status: 'APPROVED' }],
    });
    expect(entities[4]).toMatchObject({ status: 'ACTIVE', department: null, manager: null });
    // employees by id; then on-leave-today, departments by id, leave by employee id (the managers are
    // among the 50 employees already loaded: the same loader answers them from its cache)
    expect(data).toBe(4);
  });

  it('_entities for 45 employees whose managers were not asked for costs one more statement for the managers', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        hr.url,
        caller,
        employeeIds.slice(5).map((id) => ({ __typename: 'Employee', id })),
        '... on Employee { manager { name manager { name } } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0]).toEqual({ manager: { name: 'Employee 0', manager: null } });
    // employees by id, their managers by id (one statement for the 5 distinct managers)
    expect(data).toBe(2);
  });

  it('a page of 50 employees with status, department and reports costs 5 data statements', async () => {
    const { result, data } = await measured(() =>
      query<HrData>(
        hr.url,
        caller,
        '{ employees(first: 50) { totalCount edges { node { id status department { name } reports(first: 2) { name } } } } }',
      ),
    );
    expect(result.employees.totalCount).toBe(50);
    expect(result.employees.edges.map((e: any) => e.node.id)).toEqual(employeeIds);
    expect(result.employees.edges[0].node.reports).toEqual([{ name: 'Employee 5' }, { name: 'Employee 10' }]);
    // page, count, on-leave-today, departments by id, reports of every manager (one LATERAL query)
    expect(data).toBe(5);
  });

  it('departments with their first 3 members each cost 3 data statements', async () => {
    const { result, data } = await measured(() =>
      query<HrData>(hr.url, caller, '{ departments { edges { node { name members(first: 3) { name } } } } }'),
    );
    expect(result.departments.edges.map((e: any) => [e.node.name, e.node.members.map((m: any) => m.name)])).toEqual([
      ['Dept 0', ['Employee 0', 'Employee 3', 'Employee 6']],
      ['Dept 1', ['Employee 1', 'Employee 7', 'Employee 10']],
      ['Dept 2', ['Employee 2', 'Employee 5', 'Employee 8']],
    ]);
    // page, count, members of every department
    expect(data).toBe(3);
  });
});
