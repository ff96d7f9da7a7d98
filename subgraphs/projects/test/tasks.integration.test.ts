import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceReferences, mutate, newCaller, query, recordedEvents, USER_ERRORS } from '../../../packages/testkit/src/index.js';
import { createEnvelope } from '@tessera/events';
import {
  board,
  createProject,
  createTask,
  startProjects,
  TASK_FIELDS,
  type Payload,
  type RunningProjects,
  type TaskView,
} from './harness.js';

let projects: RunningProjects;
beforeAll(async () => {
  projects = await startProjects();
});
afterAll(async () => {
  await projects.stop();
});

type Caller = ReturnType<typeof newCaller>;
type TaskPayload = Payload<'task', TaskView>;
type TimeEntryPayload = Payload<'timeEntry', { id: string; minutes: number; date: string }> & { task: { loggedMinutes: number } | null };
const changeState = (caller: Caller, taskId: string, state: string) =>
  mutate<TaskPayload>(projects.url, caller, 'changeTaskState', `task { id state completedAt } ${USER_ERRORS}`, { taskId, state });
const moveTask = (caller: Caller, taskId: string, columnId: string, position: number) =>
  mutate<TaskPayload>(projects.url, caller, 'moveTask', `task { id state position column { name } } ${USER_ERRORS}`, {
    taskId,
    columnId,
    position,
  });
/** Logs time of an employee HR announced to the tenant (a new one unless given). */
const logTime = async (caller: Caller, input: Record<string, unknown>) => {
  const employeeId = input.employeeId ?? randomUUID();
  await announceReferences(projects.url, caller.tenantId, { employee: [employeeId as string] });
  return mutate<TimeEntryPayload>(
    projects.url,
    caller,
    'logTime',
    `timeEntry { id minutes billable date note employee { id } } task { id loggedMinutes } ${USER_ERRORS}`,
    {
      date: '2026-11-20',
      minutes: 60,
      ...input,
      employeeId,
    },
  );
};

describe('createTask', () => {
  it('appends TODO tasks to the leftmost column (or the given one), with assignees and a milestone', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const milestone = (
      await mutate<Payload<'milestone', { id: string }>>(projects.url, caller, 'addMilestone', `milestone { id } ${USER_ERRORS}`, {
        projectId: project.id,
        name: 'MVP',
      })
    ).milestone!;
    const ada = randomUUID();
    const first = await createTask(projects.url, caller, project.id, {
      title: 'Wireframes',
      assigneeIds: [ada, ada],
      milestoneId: milestone.id,
    });
    const second = await createTask(projects.url, caller, project.id, { title: 'Copy' });
    const doing = await createTask(projects.url, caller, project.id, {
      title: 'Logo',
      columnId: project.columns[2]!.id,
      dueDate: '2026-12-24',
    });
    expect(first).toMatchObject({
      state: 'TODO',
      position: 0,
      column: { name: 'Backlog' },
      assignees: [{ id: ada }],
      milestone: { id: milestone.id },
    });
    expect(second).toMatchObject({ position: 1, column: { name: 'Backlog' }, assignees: [] });
    expect(doing).toMatchObject({ state: 'TODO', position: 0, column: { name: 'Doing' }, dueDate: '2026-12-24' });
  });

  it('refuses bad input, a column or milestone of another project, and closed projects, creating nothing', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const other = await createProject(projects.url, caller);
    const otherMilestone = (
      await mutate<Payload<'milestone', { id: string }>>(projects.url, caller, 'addMilestone', `milestone { id } ${USER_ERRORS}`, {
        projectId: other.id,
        name: 'Other',
      })
    ).milestone!;
    const create = (input: Record<string, unknown>) =>
      mutate<TaskPayload>(projects.url, caller, 'createTask', `task { id } ${USER_ERRORS}`, {
        projectId: project.id,
        title: 'Task',
        ...input,
      });
    expect((await create({ title: ' ' })).userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'title'] });
    expect((await create({ assigneeIds: ['x'] })).userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'assigneeIds', '0'] });
    expect((await create({ columnId: other.columns[0]!.id })).userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'columnId'],
    });
    expect((await create({ milestoneId: otherMilestone.id })).userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'milestoneId'],
    });
    expect((await create({ projectId: randomUUID() })).userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'projectId'] });
    await mutate(projects.url, caller, 'changeProjectStatus', `project { id } ${USER_ERRORS}`, {
      projectId: project.id,
      status: 'CANCELLED',
    });
    expect((await create({})).userErrors[0]).toMatchObject({ code: 'PROJECT_CLOSED' });
    expect((await board(projects.url, caller, project.id)).flatMap((c) => c.tasks)).toEqual([]);
  });
});

describe('task state machine', () => {
  it('moves through states, refuses BLOCKED -> DONE, reopens DONE and CANCELLED to TODO only', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const task = await createTask(projects.url, caller, project.id);
    expect((await changeState(caller, task.id, 'IN_PROGRESS')).task!.state).toBe('IN_PROGRESS');
    expect((await changeState(caller, task.id, 'BLOCKED')).task!.state).toBe('BLOCKED');
    const blockedDone = await changeState(caller, task.id, 'DONE');
    expect(blockedDone).toMatchObject({ task: null, userErrors: [{ code: 'INVALID_TRANSITION', field: ['input', 'state'] }] });
    await changeState(caller, task.id, 'IN_PROGRESS');
    const done = await changeState(caller, task.id, 'DONE');
    expect(done.task!.state).toBe('DONE');
    expect(done.task!.completedAt).not.toBeNull();
    expect((await changeState(caller, task.id, 'IN_PROGRESS')).userErrors[0]!.code).toBe('INVALID_TRANSITION');
    const reopened = await changeState(caller, task.id, 'TODO');
    expect(reopened.task).toMatchObject({ state: 'TODO', completedAt: null });
    await changeState(caller, task.id, 'CANCELLED');
    expect((await changeState(caller, task.id, 'DONE')).userErrors[0]!.code).toBe('INVALID_TRANSITION');
    expect((await changeState(caller, task.id, 'TODO')).task!.state).toBe('TODO');
  });

  it('records projects.task.completed with the project and assignees', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const [ada, bob] = [randomUUID(), randomUUID()];
    const task = await createTask(projects.url, caller, project.id, { title: 'Ship it', assigneeIds: [ada] });
    await announceReferences(projects.url, caller.tenantId, { employee: [bob] });
    await mutate<TaskPayload>(projects.url, caller, 'assignTask', `task { id } ${USER_ERRORS}`, { taskId: task.id, employeeId: bob });
    await changeState(caller, task.id, 'DONE');
    const events = await recordedEvents(projects.db, caller.tenantId, 'projects.task.completed');
    expect(events).toHaveLength(1);
    expect(events[0]!.subjectId).toBe(task.id);
    expect(events[0]!.data).toMatchObject({ projectId: project.id, title: 'Ship it' });
    expect([...(events[0]!.data.assignees as string[])].sort()).toEqual([ada, bob].sort());
  });

  it('counts TODO, IN_PROGRESS and BLOCKED tasks as open', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const tasks = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((title) => createTask(projects.url, caller, project.id, { title })));
    await changeState(caller, tasks[1]!.id, 'IN_PROGRESS');
    await changeState(caller, tasks[2]!.id, 'BLOCKED');
    await changeState(caller, tasks[3]!.id, 'DONE');
    await changeState(caller, tasks[4]!.id, 'CANCELLED');
    const data = await query<{ project: { openTaskCount: number; tasks: { id: string }[] } }>(
      projects.url,
      caller,
      `query($id: ID!) { project(id: $id) { openTaskCount tasks(state: [DONE, CANCELLED]) { id } } }`,
      {
        id: project.id,
      },
    );
    expect(data.project.openTaskCount).toBe(3);
    expect(data.project.tasks.map((t: { id: string }) => t.id).sort()).toEqual([tasks[3]!.id, tasks[4]!.id].sort());
  });
});

describe('moveTask', () => {
  it('moves across columns without changing the state, keeping both columns dense', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const [backlog, , doing] = project.columns;
    const a = await createTask(projects.url, caller, project.id, { title: 'a' });
    await createTask(projects.url, caller, project.id, { title: 'b' });
    await createTask(projects.url, caller, project.id, { title: 'c' });
    await createTask(projects.url, caller, project.id, { title: 'x', columnId: doing!.id });
    await changeState(caller, a.id, 'BLOCKED');
    const moved = await moveTask(caller, a.id, doing!.id, 0);
    expect(moved.task).toMatchObject({ state: 'BLOCKED', position: 0, column: { name: 'Doing' } });
    const columns = await board(projects.url, caller, project.id);
    expect(columns.find((c) => c.name === 'Backlog')!.tasks.map((t) => [t.title, t.position])).toEqual([
      ['b', 0],
      ['c', 1],
    ]);
    expect(columns.find((c) => c.name === 'Doing')!.tasks.map((t) => [t.title, t.position, t.state])).toEqual([
      ['a', 0, 'BLOCKED'],
      ['x', 1, 'TODO'],
    ]);
    // Within a column, and beyond the end means the bottom.
    const bottom = await moveTask(caller, a.id, backlog!.id, 99);
    expect(bottom.task).toMatchObject({ position: 2, column: { name: 'Backlog' }, state: 'BLOCKED' });
  });

  it('refuses a negative position and a column of another project', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const other = await createProject(projects.url, caller);
    const task = await createTask(projects.url, caller, project.id);
    expect((await moveTask(caller, task.id, project.columns[1]!.id, -1)).userErrors[0]).toMatchObject({
      code: 'INVALID',
      field: ['input', 'position'],
    });
    expect((await moveTask(caller, task.id, other.columns[1]!.id, 0)).userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'columnId'],
    });
    const columns = await board(projects.url, caller, project.id);
    expect(columns[0]!.tasks.map((t) => t.id)).toEqual([task.id]);
  });
});

describe('assignees', () => {
  it('assigns idempotently, unassigns, and refuses unassigning a stranger', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const task = await createTask(projects.url, caller, project.id);
    const ada = randomUUID();
    await announceReferences(projects.url, caller.tenantId, { employee: [ada] });
    const assign = () =>
      mutate<TaskPayload>(projects.url, caller, 'assignTask', `task { assignees { id } } ${USER_ERRORS}`, {
        taskId: task.id,
        employeeId: ada,
      });
    await assign();
    expect((await assign()).task!.assignees).toEqual([{ id: ada }]);
    const unassign = (employeeId: string) =>
      mutate<TaskPayload>(projects.url, caller, 'unassignTask', `task { assignees { id } } ${USER_ERRORS}`, {
        taskId: task.id,
        employeeId,
      });
    expect((await unassign(randomUUID())).userErrors[0]!.code).toBe('NOT_ASSIGNED');
    expect((await unassign(ada)).task!.assignees).toEqual([]);
    expect(
      (await mutate<TaskPayload>(projects.url, caller, 'assignTask', `task { id } ${USER_ERRORS}`, { taskId: task.id, employeeId: 'x' }))
        .userErrors[0]!.code,
    ).toBe('INVALID');
  });

  it('lists an employee’s assigned tasks through _entities, filtered by state', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const ada = randomUUID();
    const open = await createTask(projects.url, caller, project.id, { title: 'open', assigneeIds: [ada] });
    const done = await createTask(projects.url, caller, project.id, { title: 'done', assigneeIds: [ada] });
    await changeState(caller, done.id, 'DONE');
    const data = await query<{ _entities: { all: { id: string }[]; open: { id: string }[] }[] }>(
      projects.url,
      caller,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { id all: assignedTasks { id } open: assignedTasks(state: [TODO]) { id } } } }`,
      { r: [{ __typename: 'Employee', id: ada }] },
    );
    expect(data._entities[0]!.all.map((t: { id: string }) => t.id).sort()).toEqual([open.id, done.id].sort());
    expect(data._entities[0]!.open).toEqual([{ id: open.id }]);
  });
});

describe('logTime', () => {
  it('logs minutes, sums them per task and project, and records projects.time.logged', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const a = await createTask(projects.url, caller, project.id);
    const b = await createTask(projects.url, caller, project.id);
    const ada = randomUUID();
    const first = await logTime(caller, { taskId: a.id, employeeId: ada, minutes: 90, note: ' Kickoff ', billable: false });
    expect(first.userErrors).toEqual([]);
    expect(first.timeEntry).toMatchObject({ minutes: 90, billable: false, date: '2026-11-20', note: 'Kickoff', employee: { id: ada } });
    expect(first.task!.loggedMinutes).toBe(90);
    expect((await logTime(caller, { taskId: a.id, minutes: 1440 })).task!.loggedMinutes).toBe(1530);
    await logTime(caller, { taskId: b.id, minutes: 15 });
    const data = await query<{ project: { loggedMinutes: number; tasks: { loggedMinutes: number }[] } }>(
      projects.url,
      caller,
      `query($id: ID!) { project(id: $id) { loggedMinutes tasks { loggedMinutes timeEntries { minutes } } } }`,
      {
        id: project.id,
      },
    );
    expect(data.project.loggedMinutes).toBe(1545);
    expect(data.project.tasks.map((t: { loggedMinutes: number }) => t.loggedMinutes)).toEqual([1530, 15]);
    const events = await recordedEvents(projects.db, caller.tenantId, 'projects.time.logged');
    expect(events[0]).toMatchObject({
      subjectId: first.timeEntry!.id,
      data: { projectId: project.id, taskId: a.id, employeeId: ada, date: '2026-11-20', minutes: 90, billable: false, note: 'Kickoff' },
    });
    expect(events).toHaveLength(3);
  });

  it('refuses 0, more than 24 hours, a malformed employee and closed projects, logging nothing', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const task = await createTask(projects.url, caller, project.id);
    expect((await logTime(caller, { taskId: task.id, minutes: 0 })).userErrors[0]).toMatchObject({
      code: 'INVALID_MINUTES',
      field: ['input', 'minutes'],
    });
    expect((await logTime(caller, { taskId: task.id, minutes: 1441 })).userErrors[0]!.code).toBe('INVALID_MINUTES');
    expect((await logTime(caller, { taskId: task.id, employeeId: 'bob' })).userErrors[0]).toMatchObject({
      code: 'INVALID',
      field: ['input', 'employeeId'],
    });
    expect((await logTime(caller, { taskId: randomUUID() })).userErrors[0]!.code).toBe('NOT_FOUND');
    await mutate(projects.url, caller, 'changeProjectStatus', `project { id } ${USER_ERRORS}`, {
      projectId: project.id,
      status: 'CANCELLED',
    });
    expect((await logTime(caller, { taskId: task.id })).userErrors[0]!.code).toBe('PROJECT_CLOSED');
    const data = await query<{ task: TaskView }>(projects.url, caller, `query($id: ID!) { task(id: $id) { ${TASK_FIELDS} } }`, {
      id: task.id,
    });
    expect(data.task.loggedMinutes).toBe(0);
    expect(await recordedEvents(projects.db, caller.tenantId, 'projects.time.logged')).toEqual([]);
  });
});

describe('employees stay inside the tenant (issue 12 item 5)', () => {
  const terminated = (tenantId: string, employeeId: string) =>
    createEnvelope('hr', {
      type: 'hr.employee.terminated',
      tenantId,
      subjectId: employeeId,
      data: {
        name: 'Ada',
        email: 'ada@example.com',
        jobTitle: null,
        departmentId: null,
        managerId: null,
        hiredAt: '2026-01-01',
        salary: null,
        revision: 2,
        terminatedAt: '2026-11-30',
        reason: null,
      },
    });

  it("refuses another tenant's, an unknown and a terminated employee as assignee or for time, storing nothing", async () => {
    const [a, b] = [newCaller(), newCaller()];
    const theirs = randomUUID();
    await announceReferences(projects.url, a.tenantId, { employee: [theirs] });
    const project = await createProject(projects.url, b);
    const task = await createTask(projects.url, b, project.id);
    const assign = (employeeId: string) =>
      mutate<TaskPayload>(projects.url, b, 'assignTask', `task { assignees { id } } ${USER_ERRORS}`, { taskId: task.id, employeeId });
    for (const employeeId of [theirs, randomUUID()]) {
      expect(await assign(employeeId)).toEqual({
        task: null,
        userErrors: [{ code: 'NOT_FOUND', message: 'No such employee', field: ['input', 'employeeId'] }],
      });
    }
    const created = await mutate<TaskPayload>(projects.url, b, 'createTask', `task { id } ${USER_ERRORS}`, {
      projectId: project.id,
      title: 'Foreign',
      assigneeIds: [theirs],
    });
    expect(created).toEqual({
      task: null,
      userErrors: [{ code: 'NOT_FOUND', message: 'No such employee', field: ['input', 'assigneeIds', '0'] }],
    });
    const logged = await mutate<TimeEntryPayload>(projects.url, b, 'logTime', `timeEntry { id } task { id } ${USER_ERRORS}`, {
      taskId: task.id,
      employeeId: theirs,
      date: '2026-11-20',
      minutes: 30,
    });
    expect(logged.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect(logged.timeEntry).toBeNull();

    // An employee of B's own who was terminated cannot be given new work.
    const ada = randomUUID();
    await announceReferences(projects.url, b.tenantId, { employee: [ada] });
    await projects.deliver(terminated(b.tenantId, ada));
    expect((await assign(ada)).userErrors.map((error) => error.code)).toEqual(['EMPLOYEE_TERMINATED']);
    // The hire replayed after the termination changes nothing (a lower revision).
    await announceReferences(projects.url, b.tenantId, { employee: [ada] });
    expect((await assign(ada)).userErrors.map((error) => error.code)).toEqual(['EMPLOYEE_TERMINATED']);

    const assignees = await query<{ task: { assignees: unknown[]; loggedMinutes: number } }>(
      projects.url,
      b,
      'query($id: ID!) { task(id: $id) { assignees { id } loggedMinutes } }',
      { id: task.id },
    );
    expect(assignees.task).toEqual({ assignees: [], loggedMinutes: 0 });
  });
});

describe('contacts stay inside the tenant (issue 12 item 5)', () => {
  it("refuses another tenant's, a deleted and an unknown contact for a project, creating or changing nothing", async () => {
    const [a, b] = [newCaller(), newCaller()];
    const theirs = randomUUID();
    await announceReferences(projects.url, a.tenantId, { contact: [theirs] });
    const deleted = randomUUID();
    await announceReferences(projects.url, b.tenantId, { contact: [deleted] });
    await projects.deliver(
      createEnvelope('crm', {
        type: 'crm.contact.deleted',
        tenantId: b.tenantId,
        subjectId: deleted,
        data: { deletedAt: new Date().toISOString() },
      }),
    );
    for (const contactId of [theirs, deleted, randomUUID()]) {
      const created = await mutate<Payload<'project', { id: string }>>(projects.url, b, 'createProject', `project { id } ${USER_ERRORS}`, {
        name: 'Foreign',
        contactId,
      });
      expect(created).toEqual({
        project: null,
        userErrors: [{ code: 'NOT_FOUND', message: 'No such contact', field: ['input', 'contactId'] }],
      });
    }
    const mine = await createProject(projects.url, b, { name: 'Mine' });
    const updated = await mutate<Payload<'project', { id: string }>>(projects.url, b, 'updateProject', `project { id } ${USER_ERRORS}`, {
      projectId: mine.id,
      contactId: theirs,
    });
    expect(updated.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    const listed = await query<{ projects: { totalCount: number; edges: { node: { contact: unknown } }[] } }>(
      projects.url,
      b,
      '{ projects(first: 10) { totalCount edges { node { contact { id } } } } }',
    );
    expect(listed.projects.totalCount).toBe(1);
    expect(listed.projects.edges[0]!.node.contact).toBeNull();
  });
});
