import type { Page, PageWindow } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Company, Prisma } from '../generated/prisma/client.js';
import type { CrmTx } from '../db.js';
import { containsInsensitive } from './paging.js';

export interface CompanyData {
  name: string;
  /** the unique key per tenant: the trimmed, lower-cased name */
  normalizedName: string;
  domain: string | null;
}

/** SQL access to companies, always filtered by the scope's tenant. */
export class CompanyRepository {
  constructor(private readonly scope: TenantScope<CrmTx>) {}

  findByIds(ids: readonly string[]): Promise<Company[]> {
    return this.scope.run((tx) => tx.company.findMany({ where: { tenantId: this.scope.tenantId, id: { in: [...ids] } } }));
  }

  /** One page of the tenant's companies, optionally those whose name or domain contains `search`. */
  page(query: PageWindow & { search: string | null }): Promise<Page<Company>> {
    const where: Prisma.CompanyWhereInput = { tenantId: this.scope.tenantId };
    if (query.search) {
      const text = containsInsensitive(query.search);
      where.OR = [{ name: text }, { domain: text }];
    }
    return this.scope.run(async (tx) => {
      const rows = await tx.company.findMany({
        where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
        orderBy: { id: 'asc' },
        take: query.take + 1,
      });
      const totalCount = await tx.company.count({ where });
      return { rows, totalCount };
    });
  }

  /**
   * Inserts a company unless one with the same normalized name exists (INSERT ... ON CONFLICT DO
   * NOTHING: waits for a concurrent insert of the same name instead of failing). Null when taken.
   */
  async insertIfNameFree(tx: CrmTx, data: CompanyData): Promise<Company | null> {
    const [created] = await tx.company.createManyAndReturn({ data: [{ ...data, tenantId: this.scope.tenantId }], skipDuplicates: true });
    return created ?? null;
  }

  findByNormalizedName(tx: CrmTx, normalizedName: string): Promise<Company | null> {
    return tx.company.findUnique({ where: { tenantId_normalizedName: { tenantId: this.scope.tenantId, normalizedName } } });
  }

  /** The tenant's company of that name (ignoring case), created if there is none. */
  async findOrCreate(tx: CrmTx, data: CompanyData): Promise<Company> {
    const existing = (await this.findByNormalizedName(tx, data.normalizedName)) ?? (await this.insertIfNameFree(tx, data));
    if (existing) return existing;
    // A concurrent transaction inserted the same name between our read and our insert, and committed.
    const raced = await this.findByNormalizedName(tx, data.normalizedName);
    if (!raced) throw new Error(`company "${data.normalizedName}" neither inserted nor found`);
    return raced;
  }
}
