import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The projects database client. Typed with the query log event so tests can count statements. */
export type ProjectsDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type ProjectsTx = Parameters<Parameters<ProjectsDb['$transaction']>[0]>[0];
export type ProjectsDbOptions = ModuleClientOptions;

/** The projects database client, connected as the non-owner app role (row-level security applies). */
export function createProjectsDb(options: ProjectsDbOptions = {}): ProjectsDb {
  return new PrismaClient(moduleClientOptions('projects', options)) as ProjectsDb;
}
