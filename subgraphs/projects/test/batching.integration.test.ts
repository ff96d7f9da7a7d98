import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSql, mutate, newCaller, query, resolveEntities, type SqlCounter, USER_ERRORS } from '../../../packages/testkit/src/index.js';
import { createProject, createTask, startProjects, type RunningProjects } from './harness.js';

/**
 * What one request costs in SQL: with DataLoader, a plan step is one statement however many
 * parents it has (set_config and COMMIT are counted apart as control statements).
 */
let projects: RunningProjects;
let sql: SqlCounter;
const caller = newCaller();
const contactIds: string[] = [];
const employeeIds: string[] = [];
const projectIds: string[] = [];

beforeAll(async () => {
  projects = await startProjects({ logQueries: true });
  sql = countSql(projects.db);
  // 12 contacts with one project each; each project has 3 tasks (one DONE), each task one assignee.
  for (let i = 0; i < 12; i += 1) {
    const contactId = randomUUID();
    const employeeId = randomUUID();
    contactIds.push(contactId);
    employeeIds.push(employeeId);
    const project = await createProject(projects.url, caller, { name: `Project ${String(i).padStart(2, '0')}`, contactId });
    projectIds.push(project.id);
    for (let t = 0; t < 3; t += 1) {
      const task = await createTask(projects.url, caller, project.id, { title: `Task ${t}`, assigneeIds: [employeeId] });
      if (t === 0) await mutate(projects.url, caller, 'changeTaskState', `task { id } ${USER_ERRORS}`, { taskId: task.id, state: 'DONE' });
    }
  }
});
afterAll(async () => {
  await projects.stop();
});

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; data: number }> {
  sql.reset();
  const result = await work();
  return { result, data: sql.data };
}

describe('DataLoader batching', () => {
  it('the dashboard’s contact projects with openTaskCount for 12 contacts: 1 statement per plan step', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        projects.url,
        caller,
        contactIds.map((id) => ({ __typename: 'Contact', id })),
        '... on Contact { id projects { id name status openTaskCount } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as { projects: { name: string; openTaskCount: number }[] }[];
    entities.forEach((contact, i) =>
      expect(contact.projects).toEqual([expect.objectContaining({ name: `Project ${String(i).padStart(2, '0')}`, openTaskCount: 2 })]),
    );
    // projects by contact (1) + open task counts (1)
    expect(data).toBe(2);
  });

  it('costs the same for 2 contacts', async () => {
    const { data } = await measured(() =>
      resolveEntities(
        projects.url,
        caller,
        contactIds.slice(0, 2).map((id) => ({ __typename: 'Contact', id })),
        '... on Contact { projects { openTaskCount } }',
      ),
    );
    expect(data).toBe(2);
  });

  it('N project references with openTaskCount and loggedMinutes: one statement each', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        projects.url,
        caller,
        projectIds.map((id) => ({ __typename: 'Project', id })),
        '... on Project { id openTaskCount loggedMinutes }',
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toHaveLength(12);
    // projects by id (1) + open counts (1) + logged minutes (1)
    expect(data).toBe(3);
  });

  it('N employees’ assigned tasks with their projects: one statement per plan step', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        projects.url,
        caller,
        employeeIds.map((id) => ({ __typename: 'Employee', id })),
        '... on Employee { assignedTasks(state: [TODO]) { id project { id } } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as { assignedTasks: unknown[] }[];
    expect(entities.every((e) => e.assignedTasks.length === 2)).toBe(true);
    // assigned tasks (1) + their projects (1)
    expect(data).toBe(2);
  });

  it('the projects connection with openTaskCount: the page, the count and one statement for all counts', async () => {
    const { result, data } = await measured(() =>
      query<{ projects: { totalCount: number } }>(
        projects.url,
        caller,
        '{ projects(first: 100) { totalCount edges { node { id openTaskCount } } } }',
      ),
    );
    expect(result.projects.totalCount).toBe(12);
    expect(data).toBe(3);
  });
});
