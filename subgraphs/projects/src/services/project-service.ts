import { errorsOf, isUuid, listOrChanges, primed, type Connection, type References, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { BoardColumn, Milestone, Project } from '../generated/prisma/client.js';
import type {
  AddBoardColumnInput,
  AddMilestoneInput,
  ChangeProjectStatusInput,
  CompleteMilestoneInput,
  CreateProjectInput,
  QueryProjectsArgs,
  UpdateProjectInput,
} from '../generated/graphql.js';
import type { ProjectsTx } from '../db.js';
import { canMoveProject, checkColumns, checkDates, checkName } from '../domain/rules.js';
import type { ProjectsLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import type { ProjectChange } from '../repositories/project-repository.js';
import { conflict, duplicateColumn, invalidTransition, malformedId, milestoneAlreadyDone, notFound } from '../errors.js';
import type { ProjectsEvents } from '../events/projects-events.js';
import { createProjectWithBoard } from './project-factory.js';

export interface ProjectPayload {
  project: Project | null;
  userErrors: UserError[];
}
export interface MilestonePayload {
  milestone: Milestone | null;
  userErrors: UserError[];
}
export interface BoardColumnPayload {
  column: BoardColumn | null;
  userErrors: UserError[];
}

const PROJECT_ID = ['input', 'projectId'];
const noProject = (): ProjectPayload => ({ project: null, userErrors: [notFound('project', PROJECT_ID)] });
const trimmedOrNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** Projects of the caller's tenant: details, status, board columns and milestones. */
export class ProjectService {
  constructor(
    private readonly scope: TenantScope<ProjectsTx>,
    private readonly repositories: Repositories,
    private readonly loaders: ProjectsLoaders,
    private readonly events: ProjectsEvents,
    private readonly now: () => Date,
    private readonly references: References,
  ) {}

  get(id: string): Promise<Project | null> {
    return this.loaders.projectById.load(id);
  }

  list(args: QueryProjectsArgs): Promise<Connection<Project>> {
    const filter = args.filter ?? {};
    const contactId = filter.contactId ?? null;
    return listOrChanges(args, this.scope, async (tx, window) => {
      // A malformed contact id matches nothing (and must not reach a uuid column).
      if (contactId !== null && !isUuid(contactId)) return { rows: [], totalCount: 0 };
      const page = await this.repositories.projects.page(
        tx,
        { statuses: filter.status ?? null, contactId, search: trimmedOrNull(filter.search) },
        window,
      );
      return { ...page, rows: primed(this.loaders.projectById, page.rows) };
    });
  }

  /** Creates a PLANNED project with its board (default columns unless given). */
  async create(input: CreateProjectInput): Promise<ProjectPayload> {
    const name = checkName(input.name, ['input', 'name']);
    const columns = checkColumns(input.columns, ['input', 'columns']);
    const dates = checkDates(input.startDate ?? null, input.dueDate ?? null, ['input', 'dueDate']);
    const contact = malformedId(input.contactId, ['input', 'contactId'], isUuid);
    const errors = [...errorsOf(name, columns, dates), ...(contact ? [contact] : [])];
    if (errors.length > 0 || !name.ok || !columns.ok) return { project: null, userErrors: errors };
    const unknown = await this.references.check([{ kind: 'contact', id: input.contactId, field: ['input', 'contactId'] }]);
    if (unknown.length > 0) return { project: null, userErrors: unknown };
    const project = await this.scope.run((tx) =>
      createProjectWithBoard(tx, this.repositories, this.events, {
        name: name.value,
        description: trimmedOrNull(input.description),
        contactId: input.contactId ?? null,
        startDate: input.startDate ?? null,
        dueDate: input.dueDate ?? null,
        columns: columns.value,
        taskTitles: [],
      }),
    );
    this.loaders.projectById.prime(project.id, project);
    return { project, userErrors: [] };
  }

  /** Changes details: fields left out stay, null clears optional ones (a null name is ignored). */
  async update(input: UpdateProjectInput): Promise<ProjectPayload> {
    if (!isUuid(input.projectId)) return noProject();
    const change: ProjectChange = {};
    const errors: UserError[] = [];
    if (input.name !== undefined && input.name !== null) {
      const name = checkName(input.name, ['input', 'name']);
      if (name.ok) change.name = name.value;
      else errors.push(...name.errors);
    }
    if (input.description !== undefined) change.description = trimmedOrNull(input.description);
    if (input.contactId !== undefined) {
      const malformed = malformedId(input.contactId, ['input', 'contactId'], isUuid);
      if (malformed) errors.push(malformed);
      else change.contactId = input.contactId;
    }
    if (input.startDate !== undefined) change.startDate = input.startDate;
    if (input.dueDate !== undefined) change.dueDate = input.dueDate;
    if (errors.length > 0) return { project: null, userErrors: errors };
    const unknown = await this.references.check([{ kind: 'contact', id: change.contactId, field: ['input', 'contactId'] }]);
    if (unknown.length > 0) return { project: null, userErrors: unknown };
    return this.scope.run(async (tx): Promise<ProjectPayload> => {
      const current = await this.repositories.projects.lock(tx, input.projectId);
      if (!current) return noProject();
      const start = change.startDate === undefined ? current.startDate : change.startDate;
      const due = change.dueDate === undefined ? current.dueDate : change.dueDate;
      const dates = checkDates(start, due, ['input', 'dueDate']);
      if (!dates.ok) return { project: null, userErrors: dates.errors };
      return { project: await this.repositories.projects.update(tx, current.id, change), userErrors: [] };
    });
  }

  /** Moves a project to another status if the transition is allowed; records projects.project.status_changed. */
  async changeStatus(input: ChangeProjectStatusInput): Promise<ProjectPayload> {
    if (!isUuid(input.projectId)) return noProject();
    return this.scope.run(async (tx): Promise<ProjectPayload> => {
      const current = await this.repositories.projects.findById(tx, input.projectId);
      if (!current) return noProject();
      if (!canMoveProject(current.status, input.status))
        return {
          project: null,
          userErrors: [invalidTransition('project', current.status, input.status, ['input', 'status'])],
        };
      const moved = await this.repositories.projects.transition(tx, current.id, current.status, input.status);
      if (!moved) return { project: null, userErrors: [conflict('project', ['input', 'status'])] };
      await this.events.projectStatusChanged(tx, moved, current.status);
      return { project: moved, userErrors: [] };
    });
  }

  /** Adds a column at the right end of the board; names are unique on a board (case-insensitive). */
  async addColumn(input: AddBoardColumnInput): Promise<BoardColumnPayload> {
    const name = checkName(input.name, ['input', 'name'], 'Column name');
    if (!name.ok) return { column: null, userErrors: name.errors };
    if (!isUuid(input.projectId)) return { column: null, userErrors: [notFound('project', PROJECT_ID)] };
    return this.scope.run(async (tx): Promise<BoardColumnPayload> => {
      const project = await this.repositories.projects.lock(tx, input.projectId);
      if (!project) return { column: null, userErrors: [notFound('project', PROJECT_ID)] };
      const existing = await this.repositories.boards.columnsOfProjects(tx, [project.id]);
      if (existing.some((column) => column.name.toLowerCase() === name.value.toLowerCase()))
        return { column: null, userErrors: [duplicateColumn(`The board already has "${name.value}"`, ['input', 'name'])] };
      const [column] = await this.repositories.boards.appendColumns(tx, project.id, [name.value]);
      return { column: column!, userErrors: [] };
    });
  }

  async addMilestone(input: AddMilestoneInput): Promise<MilestonePayload> {
    const name = checkName(input.name, ['input', 'name']);
    if (!name.ok) return { milestone: null, userErrors: name.errors };
    if (!isUuid(input.projectId)) return { milestone: null, userErrors: [notFound('project', PROJECT_ID)] };
    return this.scope.run(async (tx): Promise<MilestonePayload> => {
      const project = await this.repositories.projects.findById(tx, input.projectId);
      if (!project) return { milestone: null, userErrors: [notFound('project', PROJECT_ID)] };
      const milestone = await this.repositories.boards.createMilestone(tx, {
        projectId: project.id,
        name: name.value,
        dueDate: input.dueDate ?? null,
      });
      return { milestone, userErrors: [] };
    });
  }

  async completeMilestone(input: CompleteMilestoneInput): Promise<MilestonePayload> {
    const missing = { milestone: null, userErrors: [notFound('milestone', ['input', 'milestoneId'])] };
    if (!isUuid(input.milestoneId)) return missing;
    return this.scope.run(async (tx): Promise<MilestonePayload> => {
      const current = await this.repositories.boards.findMilestone(tx, input.milestoneId);
      if (!current) return missing;
      const done = await this.repositories.boards.complete(tx, current.id, this.now());
      if (!done) return { milestone: null, userErrors: [milestoneAlreadyDone()] };
      return { milestone: done, userErrors: [] };
    });
  }
}
