import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announceReferences,
  asTenant,
  callSubgraph,
  mutate,
  newCaller,
  query,
  recordedEvents,
  USER_ERRORS,
} from '../../../packages/testkit/src/index.js';
import {
  createProject,
  createTask,
  PROJECT_FIELDS,
  startProjects,
  type Payload,
  type ProjectView,
  type RunningProjects,
} from './harness.js';

let projects: RunningProjects;
beforeAll(async () => {
  projects = await startProjects();
});
afterAll(async () => {
  await projects.stop();
});

type ProjectPayload = Payload<'project', Partial<ProjectView>>;
type MilestonePayload = Payload<'milestone', { id: string; done: boolean; completedAt: string | null }>;

const count = async (caller: ReturnType<typeof newCaller>) =>
  (await query<{ projects: { totalCount: number } }>(projects.url, caller, '{ projects { totalCount } }')).projects.totalCount;

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
    expect(events.map(({ type, subjectId, subject, data }) => ({ type, subjectId, subject, data }))).toEqual([
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
    const payload = await mutate<ProjectPayload>(projects.url, caller, 'createProject', `project { id } ${USER_ERRORS}`, {
      name: '  ',
      contactId: 'not-a-uuid',
      startDate: '2026-12-02',
      dueDate: '2026-12-01',
      columns: ['Doing', 'DOING'],
    });
    expect(payload.project).toBeNull();
    expect(payload.userErrors.map((e) => [e.code, e.field!.join('.')]).sort()).toEqual([
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
    const updated = await mutate<ProjectPayload>(projects.url, caller, 'updateProject', `project { ${PROJECT_FIELDS} } ${USER_ERRORS}`, {
      projectId: project.id,
      name: 'Renamed',
      description: null,
    });
    expect(updated.userErrors).toEqual([]);
    expect(updated.project).toMatchObject({ name: 'Renamed', description: null, startDate: '2026-12-01' });
    const refused = await mutate<ProjectPayload>(projects.url, caller, 'updateProject', `project { id } ${USER_ERRORS}`, {
      projectId: project.id,
      dueDate: '2026-11-30',
    });
    expect(refused.userErrors[0]).toMatchObject({ code: 'INVALID_DATES' });
    const after = await query<{ project: unknown }>(projects.url, caller, `query($id: ID!) { project(id: $id) { name dueDate } }`, {
      id: project.id,
    });
    expect(after.project).toEqual({ name: 'Renamed', dueDate: null });
  });
});

describe('changeProjectStatus', () => {
  const change = (caller: ReturnType<typeof newCaller>, projectId: string, status: string) =>
    mutate<ProjectPayload>(projects.url, caller, 'changeProjectStatus', `project { id status } ${USER_ERRORS}`, { projectId, status });

  it('follows the status machine and records each change', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const skipped = await change(caller, project.id, 'COMPLETED');
    expect(skipped).toMatchObject({ project: null, userErrors: [{ code: 'INVALID_TRANSITION', field: ['input', 'status'] }] });
    expect((await change(caller, project.id, 'ACTIVE')).project!.status).toBe('ACTIVE');
    expect((await change(caller, project.id, 'ON_HOLD')).project!.status).toBe('ON_HOLD');
    expect((await change(caller, project.id, 'ACTIVE')).project!.status).toBe('ACTIVE');
    expect((await change(caller, project.id, 'COMPLETED')).project!.status).toBe('COMPLETED');
    const reopened = await change(caller, project.id, 'ACTIVE');
    expect(reopened.userErrors[0]!.code).toBe('INVALID_TRANSITION');
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
    const added = await mutate<MilestonePayload>(
      projects.url,
      caller,
      'addMilestone',
      `milestone { id name dueDate done completedAt } ${USER_ERRORS}`,
      {
        projectId: project.id,
        name: 'Beta',
        dueDate: '2027-01-15',
      },
    );
    expect(added.milestone).toMatchObject({ name: 'Beta', dueDate: '2027-01-15', done: false, completedAt: null });
    const done = await mutate<MilestonePayload>(
      projects.url,
      caller,
      'completeMilestone',
      `milestone { done completedAt } ${USER_ERRORS}`,
      {
        milestoneId: added.milestone!.id,
      },
    );
    expect(done.milestone!.done).toBe(true);
    expect(done.milestone!.completedAt).not.toBeNull();
    const again = await mutate<MilestonePayload>(projects.url, caller, 'completeMilestone', `milestone { done } ${USER_ERRORS}`, {
      milestoneId: added.milestone!.id,
    });
    expect(again.userErrors[0]!.code).toBe('ALREADY_DONE');
  });

  it('appends a column and refuses a duplicate name', async () => {
    const caller = newCaller();
    const project = await createProject(projects.url, caller);
    const added = await mutate<Payload<'column', { name: string }>>(
      projects.url,
      caller,
      'addBoardColumn',
      `column { name position } ${USER_ERRORS}`,
      {
        projectId: project.id,
        name: 'Review',
      },
    );
    expect(added.column).toEqual({ name: 'Review', position: 4 });
    const duplicate = await mutate<Payload<'column', { name: string }>>(
      projects.url,
      caller,
      'addBoardColumn',
      `column { name } ${USER_ERRORS}`,
      {
        projectId: project.id,
        name: 'review',
      },
    );
    expect(duplicate.userErrors[0]!.code).toBe('DUPLICATE_COLUMN');
  });
});

describe('projects connection', () => {
  it('filters by status, contact and search, and pages with totalCount', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    await createProject(projects.url, caller, { name: 'Alpha site', contactId });
    await createProject(projects.url, caller, { name: 'Beta app' });
    const c = await createProject(projects.url, caller, { name: 'Gamma SITE', contactId });
    await mutate<ProjectPayload>(projects.url, caller, 'changeProjectStatus', `project { id } ${USER_ERRORS}`, {
      projectId: c.id,
      status: 'ACTIVE',
    });
    const list = async (filter: unknown, first = 10) =>
      (
        await query<{ projects: { totalCount: number; edges: { node: { name: string } }[] } }>(
          projects.url,
          caller,
          `query($f: ProjectFilter, $first: Int) { projects(first: $first, filter: $f) { totalCount pageInfo { hasNextPage } edges { node { name } } } }`,
          { f: filter, first },
        )
      ).projects;
    expect((await list({ search: 'site' })).edges.map((e) => e.node.name)).toEqual(['Alpha site', 'Gamma SITE']);
    expect((await list({ contactId })).totalCount).toBe(2);
    expect((await list({ status: ['ACTIVE'] })).edges.map((e) => e.node.name)).toEqual(['Gamma SITE']);
    expect((await list({ contactId: 'garbage' })).totalCount).toBe(0);
    const page = await list(null, 2);
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
  });

  it('searches LIKE wildcards literally: "%" and "_" match only names containing them, not everything', async () => {
    const caller = newCaller();
    for (const name of ['Alpha site', '100% uptime', 'snake_case tools', 'Back\\slash'])
      await createProject(projects.url, caller, { name });
    const names = async (search: string) =>
      (
        await query<{ projects: { totalCount: number; edges: { node: { name: string } }[] } }>(
          projects.url,
          caller,
          `query($f: ProjectFilter) { projects(filter: $f) { totalCount edges { node { name } } } }`,
          { f: { search } },
        )
      ).projects.edges.map((edge) => edge.node.name);
    expect(await names('%')).toEqual(['100% uptime']);
    expect(await names('_')).toEqual(['snake_case tools']);
    // as wildcards these would match "Alpha site", "100% uptime" and "snake_case tools"
    expect(await names('a%e')).toEqual([]);
    expect(await names('e_c')).toEqual(['snake_case tools']);
    expect(await names('\\')).toEqual(['Back\\slash']);
    expect(await names('SITE')).toEqual(['Alpha site']);
  });

  it('refuses first above 100', async () => {
    const response = await callSubgraph(projects.url, newCaller(), '{ projects(first: 101) { totalCount } }');
    expect(response.errors?.[0]?.message).toMatch(/first must be between 0 and 100/);
  });
});

describe('dates are stored exactly as given (issue 12 item 4)', () => {
  // Years below 100 are where JavaScript's Date.UTC(y, ...) and new Date(y, m, d) read 1900 + y.
  const YEARS = ['0001', '0099', '0100', '1999', '9999'];

  it('keeps project, milestone, task and time entry days of years 1, 99, 100, 1999 and 9999', async () => {
    for (const year of YEARS) {
      const caller = newCaller();
      const [start, due] = [`${year}-01-01`, `${year}-12-31`];
      const project = await createProject(projects.url, caller, { name: `Year ${year}`, startDate: start, dueDate: due });
      expect([project.startDate, project.dueDate], year).toEqual([start, due]);
      const milestone = await mutate<Payload<'milestone', { id: string; dueDate: string | null }>>(
        projects.url,
        caller,
        'addMilestone',
        `milestone { id dueDate } ${USER_ERRORS}`,
        { projectId: project.id, name: 'M', dueDate: `${year}-06-30` },
      );
      expect(milestone.milestone?.dueDate, year).toBe(`${year}-06-30`);
      const task = await createTask(projects.url, caller, project.id, { dueDate: `${year}-02-28` });
      expect(task.dueDate, year).toBe(`${year}-02-28`);
      const employeeId = randomUUID();
      await announceReferences(projects.url, caller.tenantId, { employee: [employeeId] });
      const logged = await mutate<Payload<'timeEntry', { id: string; date: string }>>(
        projects.url,
        caller,
        'logTime',
        `timeEntry { id date } ${USER_ERRORS}`,
        { taskId: task.id, employeeId, date: `${year}-03-01`, minutes: 30 },
      );
      expect(logged.userErrors, year).toEqual([]);
      expect(logged.timeEntry?.date, year).toBe(`${year}-03-01`);

      const read = await query<{
        project: {
          startDate: string;
          dueDate: string;
          milestones: { dueDate: string }[];
          tasks: { dueDate: string; timeEntries: { date: string }[] }[];
        };
      }>(
        projects.url,
        caller,
        'query($id: ID!) { project(id: $id) { startDate dueDate milestones { dueDate } tasks { dueDate timeEntries { date } } } }',
        { id: project.id },
      );
      expect(read.project, year).toEqual({
        startDate: start,
        dueDate: due,
        milestones: [{ dueDate: `${year}-06-30` }],
        tasks: [{ dueDate: `${year}-02-28`, timeEntries: [{ date: `${year}-03-01` }] }],
      });
      const stored = await asTenant(projects.db, caller.tenantId, async (tx) => ({
        project: await tx.project.findFirstOrThrow({ where: { id: project.id } }),
        entry: await tx.timeEntry.findFirstOrThrow({ where: { taskId: task.id } }),
      }));
      expect(
        [stored.project.startDate?.toISOString(), stored.project.dueDate?.toISOString(), stored.entry.date.toISOString()],
        year,
      ).toEqual([`${start}T00:00:00.000Z`, `${due}T00:00:00.000Z`, `${year}-03-01T00:00:00.000Z`]);
      const events = await recordedEvents(projects.db, caller.tenantId);
      expect(events.find((event) => event.type === 'projects.project.created')?.data, year).toMatchObject({
        startDate: start,
        dueDate: due,
      });
      expect(events.find((event) => event.type === 'projects.time.logged')?.data, year).toMatchObject({ date: `${year}-03-01` });
    }
  });

  it('refuses year 0 and year 10000 as not a Date (BAD_USER_INPUT), creating nothing', async () => {
    const caller = newCaller();
    for (const startDate of ['0000-12-31', '10000-01-01']) {
      const response = await callSubgraph(
        projects.url,
        caller,
        'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }',
        { input: { name: 'Out of range', startDate } },
      );
      expect(response.errors?.[0]?.extensions?.code, startDate).toBe('BAD_USER_INPUT');
    }
    expect(await count(caller)).toBe(0);
  });
});
