/** @tessera/prisma: database configuration, bootstrap and offline Prisma migrations for Tessera's modules. */
export * from './config.js';
export { ensureRoles, ensureModuleDatabase, ensureRouterStore } from './bootstrap.js';
export { withAdminClient } from './admin.js';
export { createScratchDatabase, dropDatabase } from './scratch-database.js';
export { listModules, modulePaths, readMigrationList, projectRoot, type ModulePaths } from './modules.js';
export {
  applyMigrations,
  migrationsToSchemaDiff,
  createMigration,
  migrationSlug,
  migrationTimestamp,
  type CreatedMigration,
  type SchemaDiffOptions,
} from './engine.js';
export { MigrationEngineError } from './wasm-engine.js';
export * from './tenant.js';
export * from './database-errors.js';
export * from './client.js';
export * from './tenant-sql.js';
