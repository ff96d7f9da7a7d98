import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaller, codesOf, USER_ERRORS, mutate, query } from '../../../packages/testkit/src/index.js';
import {
  countRows,
  createDepartment,
  DEPARTMENT_FIELDS,
  hire,
  startHr,
  type RunningHr,
  type HrData,
  type EmployeePayload,
  type DepartmentPayload,
} from './harness.js';

let hr: RunningHr;
beforeAll(async () => {
  hr = await startHr();
});
afterAll(async () => {
  await hr.stop();
});

type Caller = ReturnType<typeof newCaller>;
const create = (caller: Caller, input: Record<string, unknown>) =>
  mutate<DepartmentPayload>(hr.url, caller, 'createDepartment', `department { ${DEPARTMENT_FIELDS} } ${USER_ERRORS}`, input);
const update = (caller: Caller, input: Record<string, unknown>) =>
  mutate<DepartmentPayload>(hr.url, caller, 'updateDepartment', `department { ${DEPARTMENT_FIELDS} } ${USER_ERRORS}`, input);

describe('departments', () => {
  it('creates departments with unique names ignoring case and surrounding spaces', async () => {
    const caller = newCaller();
    const sales = await createDepartment(hr.url, caller, { name: '  Sales ' });
    expect(sales).toMatchObject({ name: 'Sales', head: null });
    const twin = await create(caller, { name: 'SALES' });
    expect(twin).toEqual({
      department: null,
      userErrors: [{ code: 'DEPARTMENT_NAME_TAKEN', field: ['input', 'name'], message: 'A department named "SALES" already exists' }],
    });
    expect(codesOf(await create(caller, { name: '' }))).toEqual(['INVALID']);
    expect(codesOf(await create(caller, { name: 'x'.repeat(201) }))).toEqual(['INVALID']);
    // Another tenant has its own namespace of names.
    await expect(createDepartment(hr.url, newCaller(), { name: 'Sales' })).resolves.toMatchObject({ name: 'Sales' });
    expect((await countRows(hr.db, caller.tenantId)).departments).toBe(1);
  });

  it('creates exactly one of two concurrent departments of the same name', async () => {
    const caller = newCaller();
    const results = await Promise.all(['Ops', 'OPS', 'ops '].map((name) => create(caller, { name })));
    expect(results.filter((r) => r.department !== null)).toHaveLength(1);
    expect(results.flatMap(codesOf)).toEqual(['DEPARTMENT_NAME_TAKEN', 'DEPARTMENT_NAME_TAKEN']);
  });

  it('renames, refusing a name another department has; a change of case of its own name is fine', async () => {
    const caller = newCaller();
    const a = await createDepartment(hr.url, caller, { name: 'Alpha' });
    await createDepartment(hr.url, caller, { name: 'Beta' });
    expect(codesOf(await update(caller, { departmentId: a.id, name: 'beta' }))).toEqual(['DEPARTMENT_NAME_TAKEN']);
    expect((await update(caller, { departmentId: a.id, name: 'ALPHA' })).department).toMatchObject({ name: 'ALPHA' });
    expect((await update(caller, { departmentId: a.id, name: 'Gamma' })).department).toMatchObject({ name: 'Gamma' });
    expect(codesOf(await update(caller, { departmentId: '00000000-0000-4000-8000-000000000000', name: 'X' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await update(caller, { departmentId: 'nope' }))).toEqual(['NOT_FOUND']);
    const list = await query<HrData>(hr.url, caller, '{ departments { totalCount edges { node { name } } } }');
    expect(list.departments.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Gamma', 'Beta']);
  });

  it('renames exactly one of several departments to the same name concurrently', async () => {
    const caller = newCaller();
    const departments = [];
    for (const name of ['One', 'Two', 'Three']) departments.push(await createDepartment(hr.url, caller, { name }));
    const results = await Promise.all(departments.map((department) => update(caller, { departmentId: department.id, name: 'Merged' })));
    expect(results.filter((r) => r.department !== null)).toHaveLength(1);
    expect(results.flatMap(codesOf)).toEqual(['DEPARTMENT_NAME_TAKEN', 'DEPARTMENT_NAME_TAKEN']);
  });

  it('sets and clears the head; an unknown or terminated employee cannot lead', async () => {
    const caller = newCaller();
    const head = await hire(hr.url, caller, { name: 'Head' });
    const gone = await hire(hr.url, caller, { name: 'Gone', hiredAt: '2024-01-01' });
    await mutate<EmployeePayload>(hr.url, caller, 'terminateEmployee', USER_ERRORS, { employeeId: gone.id });
    const department = await createDepartment(hr.url, caller, { name: 'Finance', headId: head.id });
    expect(department.head).toEqual({ id: head.id, name: 'Head' });
    expect((await update(caller, { departmentId: department.id, headId: gone.id })).userErrors).toEqual([
      { code: 'EMPLOYEE_TERMINATED', field: ['input', 'headId'], message: 'A terminated employee cannot lead a department' },
    ]);
    expect(codesOf(await create(caller, { name: 'Other', headId: gone.id }))).toEqual(['EMPLOYEE_TERMINATED']);
    expect(codesOf(await create(caller, { name: 'Other', headId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
    expect((await update(caller, { departmentId: department.id, headId: null })).department.head).toBeNull();
    expect((await countRows(hr.db, caller.tenantId)).departments).toBe(1);
  });

  it('lists members (not terminated, at most `first`), searches by name, and reads by id', async () => {
    const caller = newCaller();
    const tech = await createDepartment(hr.url, caller, { name: 'Technology' });
    await createDepartment(hr.url, caller, { name: 'Marketing' });
    for (const name of ['M1', 'M2', 'M3']) await hire(hr.url, caller, { name, departmentId: tech.id, hiredAt: '2024-01-01' });
    const list = await query<HrData>(hr.url, caller, '{ employees(filter: { search: "M2" }) { edges { node { id } } } }');
    await mutate<EmployeePayload>(hr.url, caller, 'terminateEmployee', USER_ERRORS, { employeeId: list.employees.edges[0].node.id });
    const read = await query<HrData>(
      hr.url,
      caller,
      `query($id: ID!) { department(id: $id) { name members { name } two: members(first: 1) { name } }
         departments(filter: { search: "KET" }) { totalCount edges { node { name members { name } } } } }`,
      { id: tech.id },
    );
    expect(read).toEqual({
      department: { name: 'Technology', members: [{ name: 'M1' }, { name: 'M3' }], two: [{ name: 'M1' }] },
      departments: { totalCount: 1, edges: [{ node: { name: 'Marketing', members: [] } }] },
    });
  });
});
