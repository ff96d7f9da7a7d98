import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The payroll database client. Typed with the query log event so tests can count statements. */
export type PayrollDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type PayrollTx = Parameters<Parameters<PayrollDb['$transaction']>[0]>[0];
export type PayrollDbOptions = ModuleClientOptions;

/** The payroll database client, connected as the non-owner app role (row-level security applies). */
export function createPayrollDb(options: PayrollDbOptions = {}): PayrollDb {
  return new PrismaClient(moduleClientOptions('payroll', options)) as PayrollDb;
}
