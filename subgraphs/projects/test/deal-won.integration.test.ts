import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, mutate, newCaller, query, recordedEvents, refusedCodes, USER_ERRORS } from '../../../packages/testkit/src/index.js';
import { board, dealWon, startProjects, type Payload, type RunningProjects } from './harness.js';

let projects: RunningProjects;
beforeAll(async () => {
  projects = await startProjects();
});
afterAll(async () => {
  await projects.stop();
});

type Caller = ReturnType<typeof newCaller>;
type TemplatePayload = Payload<'projectTemplate', { id: string; name: string; columns: string[]; taskTitles: string[] }>;
type SettingsPayload = Payload<'settings', { dealWonTemplate: { id: string } | null }>;
type ProjectList = {
  totalCount: number;
  edges: { node: { id: string; name: string; status: string; contact: { id: string } | null; deal: { id: string } | null } }[];
};
async function useTemplate(caller: Caller, input: Record<string, unknown>) {
  const created = await mutate<TemplatePayload>(
    projects.url,
    caller,
    'createProjectTemplate',
    `projectTemplate { id name columns taskTitles } ${USER_ERRORS}`,
    input,
  );
  expect(created.userErrors).toEqual([]);
  const set = await mutate<SettingsPayload>(
    projects.url,
    caller,
    'setDealWonTemplate',
    `settings { dealWonTemplate { id } } ${USER_ERRORS}`,
    {
      templateId: created.projectTemplate!.id,
    },
  );
  expect(set.settings!.dealWonTemplate!.id).toBe(created.projectTemplate!.id);
  return created.projectTemplate!;
}
const listProjects = async (caller: Caller) =>
  (
    await query<{ projects: ProjectList }>(
      projects.url,
      caller,
      '{ projects { totalCount edges { node { id name status contact { id } deal { id } } } } }',
    )
  ).projects;

describe('projects-deal-won consumer', () => {
  it('without a deal-won template, a won deal creates nothing', async () => {
    const caller = newCaller();
    await projects.deliver(dealWon(caller.tenantId));
    expect((await listProjects(caller)).totalCount).toBe(0);
    expect(await recordedEvents(projects.db, caller.tenantId)).toEqual([]);
  });

  it('with a template, creates one project named after the deal, for its contact, with the template’s board and tasks', async () => {
    const caller = newCaller();
    await useTemplate(caller, {
      name: 'Onboarding',
      columns: ['Todo', 'Doing', 'Done'],
      taskTitles: ['Kickoff call', 'Collect assets', 'Launch'],
    });
    const contactId = randomUUID();
    const event = dealWon(caller.tenantId, { title: 'Acme website', contactId });
    await projects.deliver(event);
    const list = await listProjects(caller);
    expect(list.totalCount).toBe(1);
    const project = list.edges[0].node;
    expect(project).toMatchObject({ name: 'Acme website', status: 'PLANNED', contact: { id: contactId }, deal: { id: event.subjectId } });
    const columns = await board(projects.url, caller, project.id);
    expect(columns.map((c) => c.name)).toEqual(['Todo', 'Doing', 'Done']);
    expect(columns[0]!.tasks.map((t) => [t.title, t.position, t.state])).toEqual([
      ['Kickoff call', 0, 'TODO'],
      ['Collect assets', 1, 'TODO'],
      ['Launch', 2, 'TODO'],
    ]);
    const events = await recordedEvents(projects.db, caller.tenantId, 'projects.project.created');
    expect(events).toEqual([
      expect.objectContaining({
        subjectId: project.id,
        data: expect.objectContaining({ dealId: event.subjectId, contactId, name: 'Acme website' }),
      }),
    ]);
  });

  it('redelivery (and a second event for the same deal) creates one project only', async () => {
    const caller = newCaller();
    await useTemplate(caller, { name: 'Standard', taskTitles: ['Plan'] });
    const dealId = randomUUID();
    const event = dealWon(caller.tenantId, { dealId });
    await projects.deliver(event);
    await projects.deliver(event);
    await projects.deliver(dealWon(caller.tenantId, { dealId }));
    await Promise.all([projects.deliver(event), projects.deliver(event)]).catch(() => undefined);
    expect((await listProjects(caller)).totalCount).toBe(1);
    expect(await recordedEvents(projects.db, caller.tenantId, 'projects.project.created')).toHaveLength(1);
  });

  it('the database refuses a second project for one deal', async () => {
    const caller = newCaller();
    const dealId = randomUUID();
    await asTenant(projects.db, caller.tenantId, (tx) => tx.project.create({ data: { tenantId: caller.tenantId, name: 'One', dealId } }));
    await expect(
      asTenant(projects.db, caller.tenantId, (tx) => tx.project.create({ data: { tenantId: caller.tenantId, name: 'Two', dealId } })),
    ).rejects.toThrow();
  });

  it('acts only in the event’s tenant: another tenant’s template is not used', async () => {
    const owner = newCaller();
    const other = newCaller();
    await useTemplate(owner, { name: 'Owner only', taskTitles: ['x'] });
    await projects.deliver(dealWon(other.tenantId));
    expect((await listProjects(other)).totalCount).toBe(0);
    expect((await listProjects(owner)).totalCount).toBe(0);
  });

  it('clearing the template stops it; templates and the setting are for owners and admins, and validated', async () => {
    const caller = newCaller();
    await useTemplate(caller, { name: 'Temp', taskTitles: [] });
    const cleared = await mutate<SettingsPayload>(
      projects.url,
      caller,
      'setDealWonTemplate',
      `settings { dealWonTemplate { id } } ${USER_ERRORS}`,
      {
        templateId: null,
      },
    );
    expect(cleared.settings).toEqual({ dealWonTemplate: null });
    await projects.deliver(dealWon(caller.tenantId));
    expect((await listProjects(caller)).totalCount).toBe(0);
    const member = { ...caller, role: 'MEMBER' as const };
    const refused = await refusedCodes(projects.url, member, 'createProjectTemplate', `projectTemplate { id } ${USER_ERRORS}`, {
      name: 'M',
      taskTitles: [],
    });
    expect(refused).toEqual(['FORBIDDEN']);
    const invalid = await mutate<TemplatePayload>(projects.url, caller, 'createProjectTemplate', `projectTemplate { id } ${USER_ERRORS}`, {
      name: 'Bad',
      columns: [],
      taskTitles: [' '],
    });
    expect(invalid.userErrors.map((e) => e.field!.join('.')).sort()).toEqual(['input.columns', 'input.taskTitles.0']);
    const unknown = await mutate<SettingsPayload>(
      projects.url,
      caller,
      'setDealWonTemplate',
      `settings { dealWonTemplate { id } } ${USER_ERRORS}`,
      {
        templateId: randomUUID(),
      },
    );
    expect(unknown.userErrors[0]!.code).toBe('NOT_FOUND');
    expect(
      (await query<{ projectTemplates: { totalCount: number } }>(projects.url, caller, '{ projectTemplates { totalCount } }'))
        .projectTemplates.totalCount,
    ).toBe(1);
  });
});
