import { errorsOf, isUuid, listPage, type Connection, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { ProjectTemplate } from '../generated/prisma/client.js';
import type { CreateProjectTemplateInput, QueryProjectTemplatesArgs, SetDealWonTemplateInput } from '../generated/graphql.js';
import type { ProjectsTx } from '../db.js';
import type { ProjectSettingsRecord } from '../domain/references.js';
import { checkColumns, checkName } from '../domain/rules.js';
import type { Repositories } from '../repositories/index.js';
import { notFound, refuse } from '../errors.js';

export interface ProjectTemplatePayload {
  projectTemplate: ProjectTemplate | null;
  userErrors: UserError[];
}
export interface ProjectSettingsPayload {
  settings: ProjectSettingsRecord | null;
  userErrors: UserError[];
}

const MAX_TEMPLATE_TASKS = 200;

/** Project templates of the caller's tenant and its projects settings (the deal-won template). */
export class TemplateService {
  constructor(
    private readonly scope: TenantScope<ProjectsTx>,
    private readonly repositories: Repositories,
  ) {}

  list(args: QueryProjectTemplatesArgs): Promise<Connection<ProjectTemplate>> {
    return listPage(args, (window) => this.scope.run((tx) => this.repositories.templates.page(tx, window)));
  }

  async settings(): Promise<ProjectSettingsRecord> {
    return { dealWonTemplate: await this.scope.run((tx) => this.repositories.templates.dealWonTemplate(tx)) };
  }

  async create(input: CreateProjectTemplateInput): Promise<ProjectTemplatePayload> {
    const name = checkName(input.name, ['input', 'name']);
    const columns = checkColumns(input.columns, ['input', 'columns']);
    const errors = errorsOf(name, columns);
    const titles: string[] = [];
    if (input.taskTitles.length > MAX_TEMPLATE_TASKS)
      errors.push(refuse('INVALID', `A template has at most ${MAX_TEMPLATE_TASKS} tasks`, ['input', 'taskTitles']));
    input.taskTitles.forEach((value, index) => {
      const title = checkName(value, ['input', 'taskTitles', String(index)], 'Title');
      if (title.ok) titles.push(title.value);
      else errors.push(...title.errors);
    });
    if (errors.length > 0 || !name.ok || !columns.ok) return { projectTemplate: null, userErrors: errors };
    const projectTemplate = await this.scope.run((tx) =>
      this.repositories.templates.create(tx, { name: name.value, columns: columns.value, taskTitles: titles }),
    );
    return { projectTemplate, userErrors: [] };
  }

  /** Sets (or clears, with null) the template won deals create projects from. */
  async setDealWonTemplate(input: SetDealWonTemplateInput): Promise<ProjectSettingsPayload> {
    const templateId = input.templateId ?? null;
    const missing: ProjectSettingsPayload = { settings: null, userErrors: [notFound('project template', ['input', 'templateId'])] };
    if (templateId !== null && !isUuid(templateId)) return missing;
    return this.scope.run(async (tx): Promise<ProjectSettingsPayload> => {
      const template = templateId === null ? null : await this.repositories.templates.findById(tx, templateId);
      if (templateId !== null && !template) return missing;
      await this.repositories.templates.setDealWonTemplate(tx, templateId);
      return { settings: { dealWonTemplate: template }, userErrors: [] };
    });
  }
}
