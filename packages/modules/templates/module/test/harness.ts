import { startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import __module__, { type __Module__Db } from '../src/index.js';

export type Running__Module__ = TestModule<__Module__Db>;

/** Starts the __Title__ module in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function start__Module__(options: TestModuleOptions = {}): Promise<Running__Module__> {
  return startTestModule<__Module__Db>(__module__, options);
}

export const ITEM_FIELDS = 'id name confirmedAt createdAt';
