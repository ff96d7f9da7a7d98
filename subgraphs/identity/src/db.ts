import { PrismaPg } from '@prisma/adapter-pg';
import { appConfig } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

export type IdentityDb = PrismaClient;
/** The client of one interactive transaction. */
export type IdentityTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The identity database client, connected as the non-owner app role (row-level security applies). */
export function createIdentityDb(): IdentityDb {
  return new PrismaClient({ adapter: new PrismaPg({ ...appConfig('identity'), max: Number(process.env.DB_POOL_MAX ?? 10) }) });
}
