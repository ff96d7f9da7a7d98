import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaller } from '../../../packages/testkit/src/index.js';
import { createProject, ERRORS, mutate, PROJECT_FIELDS, query, recordedEvents, startProjects, type RunningProjects } from './harness.js';

let projects: RunningProjects;
beforeAll(async () => {
  projects = await startProjects();
});
afterAll(async () => {
  await projects.stop();
});

const count = async (caller: ReturnType<typeof newCaller>) =>
  (await query(projects.url, caller, '{ projects { totalCount } }')).projects.totalCount as number;

describe('createProject', () => {
  it('creates a PLANNED project with the default board and records projects.project.created', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const project = await createProject(projects.url, caller, {
      name: '  Website relaunch ',
      contactId,
      startDate: '2026-12-01',
      dueDate: '2027-01-31',
    });
    expect(project).toMatchObject({
      name: 'Website relaunch',
      status: 'PLANNED',
      contact: { id: contactId },
      deal: null,
      startDate: '2026-12-01',
      dueDate: '2027-01-31',
      openTaskCount: 0,
      loggedMinutes: 0,
    });
    expect(project.columns.map((c) => [c.name, c.position])).toEqual([
      ['Backlog', 0],
      ['To do', 1],
      ['Doing', 2],
      ['Done', 3],
    ]);
    const events = await recordedEvents(projects.db, caller.tenantId);
    expect(events).toEqual([
      {
        type: 'projects.project.created',
        subjectId: project.id,
        subject: `projects_tests.projects.${caller.tenantId}.project.created`,
        data: { name: 'Website relaunch', status: 'PLANNED', contactId, dealId: null, startDate: '2026-12-01', dueDate: '2027-01-31' },
      },
    ]);
  });

  it('takes its own columns', async () => {
    const project = await createProject(projects.url, newCaller(), { columns: ['Ideas', 'Doing', 'Shipped'] });
    expect(project.columns.map((c) => c.name)).toEqual(['Ideas', 'Doing', 'Shipped']);
  });

  it('refuses invalid input with user errors and creates nothing', async () => {
    const caller = newCaller();
    const payload = await mutate(projects.url, caller, 'createProject', `project { id } ${ERRORS}`, {
      name: '  ',
      contactId: 'not-a-uuid',
      startDate: '2026-12-02',
      dueDate: '2026-12-01',
      columns: ['Doing', 'DOING'],
    });
    expect(payload.project).toBeNull();
    expect(payload.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field.join('.')]).sort()).toEqual([
      ['DUPLICATE_COLUMN', 'input.columns.1'],
      ['INVALID', 'input.contactId'],
      ['INVALID', 'input.name'],
      ['INVALID_DATES', 'input.dueDate'],
    ]);
    expect(await count(caller)).toBe(0);
    expect(await recordedEvents(projects.db, caller.tenantId)).toEqual([]);
  });
});

describe('updateProject', () => {
  it('changes given fields, clears with null, and refuses dates out of order', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller, { description: 'Old', startDate: '2026-12-01' });
    const updated = await mutate(projects.url, caller, 'updateProject', `project { ${PROJECT_FIELDS} } ${ERRORS}`, {
      projectId: project.id,
      name: 'Renamed',
      description: null,
    });
    expect(updated.userErrors).toEqual([]);
    expect(updated.project).toMatchObject({ name: 'Renamed', description: null, startDate: '2026-12-01' });
    const refused = await mutate(projects.url, caller, 'updateProject', `project { id } ${ERRORS}`, {
      projectId: project.id,
      dueDate: '2026-11-30',
    });
    expect(refused.userErrors[0]).toMatchObject({ code: 'INVALID_DATES' });
    const after = await query(projects.url, caller, `query($id: ID!) { project(id: $id) { name dueDate } }`, { id: project.id });
    expect(after.project).toEqual({ name: 'Renamed', dueDate: null });
  });
});

describe('changeProjectStatus', () => {
  const change = (caller: ReturnType<typeof newCaller>, projectId: string, status: string) =>
    mutate(projects.url, caller, 'changeProjectStatus', `project { id status } ${ERRORS}`, { projectId, status });

  it('follows the status machine and records each change', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const skipped = await change(caller, project.id, 'COMPLETED');
    expect(skipped).toMatchObject({ project: null, userErrors: [{ code: 'INVALID_TRANSITION', field: ['input', 'status'] }] });
    expect((await change(caller, project.id, 'ACTIVE')).project.status).toBe('ACTIVE');
    expect((await change(caller, project.id, 'ON_HOLD')).project.status).toBe('ON_HOLD');
    expect((await change(caller, project.id, 'ACTIVE')).project.status).toBe('ACTIVE');
    expect((await change(caller, project.id, 'COMPLETED')).project.status).toBe('COMPLETED');
    const reopened = await change(caller, project.id, 'ACTIVE');
    expect(reopened.userErrors[0].code).toBe('INVALID_TRANSITION');
    const events = await recordedEvents(projects.db, caller.tenantId, 'projects.project.status_changed');
    expect(events.map((e) => [e.data.from, e.data.to])).toEqual([
      ['PLANNED', 'ACTIVE'],
      ['ACTIVE', 'ON_HOLD'],
      ['ON_HOLD', 'ACTIVE'],
      ['ACTIVE', 'COMPLETED'],
    ]);
  });

  it('answers NOT_FOUND for unknown or malformed ids', async () => {
    const caller = newCaller();
    for (const id of [randomUUID(), 'nope']) {
      expect((await change(caller, id, 'ACTIVE')).userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'projectId'] });
    }
  });

  it('lets exactly one of two parallel conflicting transitions win', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    await change(caller, project.id, 'ACTIVE');
    const results = await Promise.all([change(caller, project.id, 'COMPLETED'), change(caller, project.id, 'CANCELLED')]);
    expect(results.filter((r) => r.project !== null)).toHaveLength(1);
    expect(await recordedEvents(projects.db, caller.tenantId, 'projects.project.status_changed')).toHaveLength(2);
  });
});

describe('milestones and columns', () => {
  it('adds and completes a milestone once', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const added = await mutate(projects.url, caller, 'addMilestone', `milestone { id name dueDate done completedAt } ${ERRORS}`, {
      projectId: project.id,
      name: 'Beta',
      dueDate: '2027-01-15',
    });
    expect(added.milestone).toMatchObject({ name: 'Beta', dueDate: '2027-01-15', done: false, completedAt: null });
    const done = await mutate(projects.url, caller, 'completeMilestone', `milestone { done completedAt } ${ERRORS}`, {
      milestoneId: added.milestone.id,
    });
    expect(done.milestone.done).toBe(true);
    expect(done.milestone.completedAt).not.toBeNull();
    const again = await mutate(projects.url, caller, 'completeMilestone', `milestone { done } ${ERRORS}`, {
      milestoneId: added.milestone.id,
    });
    expect(again.userErrors[0].code).toBe('ALREADY_DONE');
  });

  it('appends a column and refuses a duplicate name', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const added = await mutate(projects.url, caller, 'addBoardColumn', `column { name position } ${ERRORS}`, {
      projectId: project.id,
      name: 'Review',
    });
    expect(added.column).toEqual({ name: 'Review', position: 4 });
    const duplicate = await mutate(projects.url, caller, 'addBoardColumn', `column { name } ${ERRORS}`, {
      projectId: project.id,
      name: 'review',
    });
    expect(duplicate.userErrors[0].code).toBe('DUPLICATE_COLUMN');
  });
});

describe('projects connection', () => {
  it('filters by status, contact and search, and pages with totalCount', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    await createProject(projects.url, caller, { name: 'Alpha site', contactId });
    await createProject(projects.url, caller, { name: 'Beta app' });
    const c = await createProject(projects.url, caller, { name: 'Gamma SITE', contactId });
    await mutate(projects.url, caller, 'changeProjectStatus', `project { id } ${ERRORS}`, { projectId: c.id, status: 'ACTIVE' });
    const list = async (filter: unknown, first = 10) =>
      (
        await query(
          projects.url,
          caller,
          `query($f: ProjectFilter, $first: Int) { projects(first: $first, filter: $f) { totalCount pageInfo { hasNextPage } edges { node { name } } } }`,
          { f: filter, first },
        )
      ).projects;
    expect((await list({ search: 'site' })).edges.map((e: any) => e.node.name)).toEqual(['Alpha site', 'Gamma SITE']);
    expect((await list({ contactId })).totalCount).toBe(2);
    expect((await list({ status: ['ACTIVE'] })).edges.map((e: any) => e.node.name)).toEqual(['Gamma SITE']);
    expect((await list({ contactId: 'garbage' })).totalCount).toBe(0);
    const page = await list(null, 2);
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
  });

  it('refuses first above 100', async () => {
    const { callSubgraph } = await import('../../../packages/testkit/src/index.js');
    const response = await callSubgraph(projects.url, newCaller(), '{ projects(first: 101) { totalCount } }');
    expect(response.errors?.[0]?.message).toMatch(/first must be between 0 and 100/);
  });
});
