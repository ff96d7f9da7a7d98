import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  createProject: (_parent, { input }, context) => bound(context).projects.create(input),
  updateProject: (_parent, { input }, context) => bound(context).projects.update(input),
  changeProjectStatus: (_parent, { input }, context) => bound(context).projects.changeStatus(input),
  addBoardColumn: (_parent, { input }, context) => bound(context).projects.addColumn(input),
  addMilestone: (_parent, { input }, context) => bound(context).projects.addMilestone(input),
  completeMilestone: (_parent, { input }, context) => bound(context).projects.completeMilestone(input),
  createTask: (_parent, { input }, context) => bound(context).tasks.create(input),
  updateTask: (_parent, { input }, context) => bound(context).tasks.update(input),
  moveTask: (_parent, { input }, context) => bound(context).tasks.move(input),
  changeTaskState: (_parent, { input }, context) => bound(context).tasks.changeState(input),
  assignTask: (_parent, { input }, context) => bound(context).tasks.assign(input),
  unassignTask: (_parent, { input }, context) => bound(context).tasks.unassign(input),
  logTime: (_parent, { input }, context) => bound(context).tasks.logTime(input),
  createProjectTemplate: (_parent, { input }, context) => bound(context).templates.create(input),
  setDealWonTemplate: (_parent, { input }, context) => bound(context).templates.setDealWonTemplate(input),
};
