import { scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { Mutation } from './Mutation.js';
import { BoardColumn, Milestone, Project } from './Project.js';
import { Query } from './Query.js';
import { Contact, Employee } from './references.js';
import { Task, TimeEntry } from './Task.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Project,
  BoardColumn,
  Milestone,
  Task,
  TimeEntry,
  Contact,
  Employee,
};
