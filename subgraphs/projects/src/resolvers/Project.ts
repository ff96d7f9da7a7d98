import type { BoardColumnResolvers, MilestoneResolvers, ProjectResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

/** A project of the caller's tenant; a reference to another tenant's (or an unknown) id resolves to null. */
export const Project: ProjectResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.projectById.load(reference.id),
  contact: (project) => (project.contactId ? { id: project.contactId } : null),
  deal: (project) => (project.dealId ? { id: project.dealId } : null),
  columns: (project, _args, context) => bound(context).loaders.columnsByProjectId.load(project.id),
  milestones: (project, _args, context) => bound(context).loaders.milestonesByProjectId.load(project.id),
  tasks: (project, { state }, context) => bound(context).loaders.tasksByProjectId(state).load(project.id),
  openTaskCount: (project, _args, context) => bound(context).loaders.openTaskCountByProjectId.load(project.id),
  loggedMinutes: (project, _args, context) => bound(context).loaders.loggedMinutesByProjectId.load(project.id),
};

export const BoardColumn: BoardColumnResolvers = {
  tasks: (column, _args, context) => bound(context).loaders.tasksByColumnId.load(column.id),
};

export const Milestone: MilestoneResolvers = {};
