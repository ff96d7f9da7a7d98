import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asTenant,
  callSubgraph,
  codesOf,
  mutate,
  newCaller,
  query,
  resolveEntities,
  USER_ERRORS,
} from '../../../packages/testkit/src/index.js';
import { board, createProject, createTask, startProjects, type Payload, type RunningProjects } from './harness.js';

/** Tenant B must not read, change or reference tenant A's rows by any path. */
let projects: RunningProjects;
const a = newCaller();
const b = newCaller();
const contactId = randomUUID();
const employeeId = randomUUID();
let projectId = '';
let taskId = '';
let columnIds: string[] = [];
let milestoneId = '';
let templateId = '';

beforeAll(async () => {
  projects = await startProjects();
  const project = await createProject(projects.url, a, { name: 'A secret', contactId });
  projectId = project.id;
  columnIds = project.columns.map((c) => c.id);
  milestoneId = (
    await mutate<Payload<'milestone', { id: string }>>(projects.url, a, 'addMilestone', `milestone { id } ${USER_ERRORS}`, {
      projectId,
      name: 'M',
    })
  ).milestone!.id;
  taskId = (await createTask(projects.url, a, projectId, { title: 'A task', assigneeIds: [employeeId] })).id;
  await mutate(projects.url, a, 'logTime', `timeEntry { id } ${USER_ERRORS}`, { taskId, employeeId, date: '2026-11-20', minutes: 30 });
  templateId = (
    await mutate<Payload<'projectTemplate', { id: string }>>(
      projects.url,
      a,
      'createProjectTemplate',
      `projectTemplate { id } ${USER_ERRORS}`,
      {
        name: 'T',
        taskTitles: ['x'],
      },
    )
  ).projectTemplate!.id;
});
afterAll(async () => {
  await projects.stop();
});

describe('tenant isolation', () => {
  it('B reads nothing of A through queries', async () => {
    const data = await query<Record<string, unknown>>(
      projects.url,
      b,
      `query($p: ID!, $t: ID!, $c: ID!) { project(id: $p) { id } task(id: $t) { id } projects { totalCount } byContact: projects(filter: { contactId: $c }) { totalCount } projectTemplates { totalCount } }`,
      { p: projectId, t: taskId, c: contactId },
    );
    expect(data).toEqual({
      project: null,
      task: null,
      projects: { totalCount: 0 },
      byContact: { totalCount: 0 },
      projectTemplates: { totalCount: 0 },
    });
  });

  it('B resolves A’s Project and Task references to null and A’s contact and employee to nothing', async () => {
    const response = await resolveEntities(
      projects.url,
      b,
      [
        { __typename: 'Project', id: projectId },
        { __typename: 'Task', id: taskId },
        { __typename: 'Contact', id: contactId },
        { __typename: 'Employee', id: employeeId },
      ],
      '... on Project { id name } ... on Task { id title } ... on Contact { id projects { id } } ... on Employee { id assignedTasks { id } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([null, null, { id: contactId, projects: [] }, { id: employeeId, assignedTasks: [] }]);
    // A sees its own through the same path (the test above can fail).
    const own = await resolveEntities(
      projects.url,
      a,
      [
        { __typename: 'Project', id: projectId },
        { __typename: 'Contact', id: contactId },
        { __typename: 'Employee', id: employeeId },
      ],
      '... on Project { id } ... on Contact { projects { id } } ... on Employee { assignedTasks { id } }',
    );
    expect(own.data!._entities).toEqual([{ id: projectId }, { projects: [{ id: projectId }] }, { assignedTasks: [{ id: taskId }] }]);
  });

  it('B cannot change A’s rows by any mutation, and A’s data is unchanged', async () => {
    const attempts: [string, Record<string, unknown>, string][] = [
      ['updateProject', { projectId, name: 'Hijacked' }, 'project { id }'],
      ['changeProjectStatus', { projectId, status: 'ACTIVE' }, 'project { id }'],
      ['addBoardColumn', { projectId, name: 'B col' }, 'column { id }'],
      ['addMilestone', { projectId, name: 'B ms' }, 'milestone { id }'],
      ['completeMilestone', { milestoneId }, 'milestone { id }'],
      ['createTask', { projectId, title: 'B task' }, 'task { id }'],
      ['updateTask', { taskId, title: 'Hijacked' }, 'task { id }'],
      ['moveTask', { taskId, columnId: columnIds[2], position: 0 }, 'task { id }'],
      ['changeTaskState', { taskId, state: 'DONE' }, 'task { id }'],
      ['assignTask', { taskId, employeeId: randomUUID() }, 'task { id }'],
      ['unassignTask', { taskId, employeeId }, 'task { id }'],
      ['logTime', { taskId, employeeId, date: '2026-11-20', minutes: 10 }, 'timeEntry { id }'],
      ['setDealWonTemplate', { templateId }, 'settings { dealWonTemplate { id } }'],
    ];
    for (const [name, input, selection] of attempts) {
      const payload = await mutate<{ userErrors: { code: string }[] }>(projects.url, b, name, `${selection} ${USER_ERRORS}`, input);
      expect(codesOf(payload), name).toEqual(['NOT_FOUND']);
    }
    // B's own task cannot be moved onto A's column either.
    const own = await createProject(projects.url, b);
    const ownTask = await createTask(projects.url, b, own.id);
    const cross = await mutate<{ userErrors: { code: string }[] }>(projects.url, b, 'moveTask', `task { id } ${USER_ERRORS}`, {
      taskId: ownTask.id,
      columnId: columnIds[1],
      position: 0,
    });
    expect(cross.userErrors[0]!.code).toBe('NOT_FOUND');
    const data = await query<{ project: unknown; projectSettings: unknown }>(
      projects.url,
      a,
      `query($p: ID!) { project(id: $p) { name status columns { name } milestones { done } loggedMinutes tasks { title state assignees { id } } } projectSettings { dealWonTemplate { id } } }`,
      { p: projectId },
    );
    expect(data.project).toEqual({
      name: 'A secret',
      status: 'PLANNED',
      columns: [{ name: 'Backlog' }, { name: 'To do' }, { name: 'Doing' }, { name: 'Done' }],
      milestones: [{ done: false }],
      loggedMinutes: 30,
      tasks: [{ title: 'A task', state: 'TODO', assignees: [{ id: employeeId }] }],
    });
    expect(data.projectSettings).toEqual({ dealWonTemplate: null });
    expect((await board(projects.url, a, projectId))[0]!.tasks).toHaveLength(1);
  });

  it('row-level security refuses what a repository might let slip', async () => {
    // As tenant B, even an unfiltered query sees none of A's rows, and a row claiming A's tenant is refused.
    const rows = await asTenant(projects.db, b.tenantId, (tx) => tx.project.findMany({ where: { id: projectId } }));
    expect(rows).toEqual([]);
    await expect(
      asTenant(projects.db, b.tenantId, (tx) => tx.project.create({ data: { tenantId: a.tenantId, name: 'Forged' } })),
    ).rejects.toThrow();
  });

  it('refuses a caller without a tenant', async () => {
    const response = await callSubgraph(projects.url, { ...newCaller(), tenantId: null } as never, '{ projects { totalCount } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
