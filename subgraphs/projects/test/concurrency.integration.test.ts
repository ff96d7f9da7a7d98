import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceReferences, mutate, newCaller, query, USER_ERRORS } from '../../../packages/testkit/src/index.js';
import { board, createProject, createTask, startProjects, type Payload, type RunningProjects } from './harness.js';

let projects: RunningProjects;
beforeAll(async () => {
  projects = await startProjects({ poolMax: 10 });
});
afterAll(async () => {
  await projects.stop();
});

/** Each column's positions are exactly 0..n-1. */
function expectDense(columns: { tasks: { position: number }[] }[]) {
  for (const column of columns) expect(column.tasks.map((t) => t.position)).toEqual(column.tasks.map((_, i) => i));
}

describe('concurrent requests (real parallel HTTP calls)', () => {
  it('parallel moveTask calls to the same position keep every column’s positions unique and dense', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const [backlog, , doing] = project.columns;
    const tasks = [];
    for (let i = 0; i < 8; i += 1) tasks.push(await createTask(projects.url, caller, project.id, { title: `t${i}` }));
    await createTask(projects.url, caller, project.id, { title: 'already doing', columnId: doing!.id });
    const results = await Promise.all(
      tasks.map((task) =>
        mutate<Payload<'task', { id: string }>>(projects.url, caller, 'moveTask', `task { id } ${USER_ERRORS}`, {
          taskId: task.id,
          columnId: doing!.id,
          position: 0,
        }),
      ),
    );
    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    const columns = await board(projects.url, caller, project.id);
    expectDense(columns);
    expect(columns.find((c) => c.name === 'Backlog')!.tasks).toEqual([]);
    const doingTasks = columns.find((c) => c.name === 'Doing')!.tasks;
    expect(doingTasks).toHaveLength(9);
    expect(doingTasks.at(-1)!.title).toBe('already doing');
    expect(new Set(doingTasks.map((t) => t.id)).size).toBe(9);
    // And moves back, shuffled between columns in parallel, still keep everything dense.
    await Promise.all(
      tasks.map((task, i) =>
        mutate<Payload<'task', { id: string }>>(projects.url, caller, 'moveTask', `task { id } ${USER_ERRORS}`, {
          taskId: task.id,
          columnId: i % 2 === 0 ? backlog!.id : doing!.id,
          position: i % 3,
        }),
      ),
    );
    const after = await board(projects.url, caller, project.id);
    expectDense(after);
    expect(after.flatMap((c) => c.tasks)).toHaveLength(9);
  });

  it('parallel createTask calls on one column get distinct dense positions', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    await Promise.all(Array.from({ length: 10 }, (_, i) => createTask(projects.url, caller, project.id, { title: `p${i}` })));
    const columns = await board(projects.url, caller, project.id);
    expectDense(columns);
    expect(columns[0]!.tasks).toHaveLength(10);
  });

  it('parallel logTime calls add up exactly', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const task = await createTask(projects.url, caller, project.id);
    const minutes = Array.from({ length: 20 }, (_, i) => i + 1);
    const employees = minutes.map(() => randomUUID());
    await announceReferences(projects.url, caller.tenantId, { employee: employees });
    const results = await Promise.all(
      minutes.map((m, i) =>
        mutate<Payload<'timeEntry', { id: string }>>(projects.url, caller, 'logTime', `timeEntry { id } ${USER_ERRORS}`, {
          taskId: task.id,
          employeeId: employees[i],
          date: '2026-11-21',
          minutes: m,
        }),
      ),
    );
    expect(results.every((r) => r.timeEntry !== null)).toBe(true);
    const data = await query<{ project: { loggedMinutes: number; tasks: { loggedMinutes: number; timeEntries: { id: string }[] }[] } }>(
      projects.url,
      caller,
      `query($id: ID!) { project(id: $id) { loggedMinutes tasks { loggedMinutes timeEntries { id } } } }`,
      {
        id: project.id,
      },
    );
    expect(data.project.loggedMinutes).toBe(210);
    expect(data.project.tasks[0]).toMatchObject({ loggedMinutes: 210 });
    expect(data.project.tasks[0]!.timeEntries).toHaveLength(20);
  });

  it('parallel state changes of one task: exactly one wins', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const task = await createTask(projects.url, caller, project.id);
    const results = await Promise.all(
      ['DONE', 'CANCELLED', 'IN_PROGRESS', 'DONE'].map((state) =>
        mutate<Payload<'task', { state: string }>>(projects.url, caller, 'changeTaskState', `task { state } ${USER_ERRORS}`, {
          taskId: task.id,
          state,
        }),
      ),
    );
    expect(results.filter((r) => r.task !== null)).toHaveLength(1);
  });
});
