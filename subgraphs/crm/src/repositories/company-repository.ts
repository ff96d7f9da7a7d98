import type { Page, PageWindow } from '@tessera/service-kit';
import { containsInsensitive } from '@tessera/prisma';
import type { Company, Prisma } from '../generated/prisma/client.js';
import type { CrmTx } from '../db.js';

export interface CompanyData {
  name: string;
  /** the unique key per tenant: the trimmed, lower-cased name */
  normalizedName: string;
  domain: string | null;
}

/** Companies: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class CompanyRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: CrmTx, ids: string[]): Promise<Company[]> {
    return tx.company.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  /** One page of the tenant's companies, optionally those whose name or domain contains `search`. */
  async page(tx: CrmTx, query: PageWindow & { search: string | null }): Promise<Page<Company>> {
    const where: Prisma.CompanyWhereInput = { tenantId: this.tenantId };
    if (query.search) {
      const text = containsInsensitive(query.search);
      where.OR = [{ name: text }, { domain: text }];
    }
    const rows = await tx.company.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    const totalCount = await tx.company.count({ where });
    return { rows, totalCount };
  }

  /**
   * Inserts a company unless one with the same normalized name exists (INSERT ... ON CONFLICT DO
   * NOTHING: waits for a concurrent insert of the same name instead of failing). Null when taken.
   */
  async insertIfNameFree(tx: CrmTx, data: CompanyData): Promise<Company | null> {
    const [created] = await tx.company.createManyAndReturn({ data: [{ ...data, tenantId: this.tenantId }], skipDuplicates: true });
    return created ?? null;
  }

  findByNormalizedName(tx: CrmTx, normalizedName: string): Promise<Company | null> {
    return tx.company.findUnique({ where: { tenantId_normalizedName: { tenantId: this.tenantId, normalizedName } } });
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
