import type { Page, PageWindow } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Contact, Prisma } from '../generated/prisma/client.js';
import type { CrmTx } from '../db.js';
import { containsInsensitive } from './paging.js';

export interface ContactData {
  name: string;
  email: string | null;
  phone: string | null;
  companyId: string | null;
}

/** SQL access to contacts, always filtered by the scope's tenant. Deleted contacts are listed nowhere. */
export class ContactRepository {
  constructor(private readonly scope: TenantScope<CrmTx>) {}

  /** Contacts by id, deleted ones included: other records (deals, invoices) still refer to them. */
  findByIds(ids: readonly string[]): Promise<Contact[]> {
    return this.scope.run((tx) => tx.contact.findMany({ where: { tenantId: this.scope.tenantId, id: { in: [...ids] } } }));
  }

  /** One page of the tenant's live contacts, optionally those whose name, email or company name contains `search`. */
  page(query: PageWindow & { search: string | null }): Promise<Page<Contact>> {
    const where: Prisma.ContactWhereInput = { tenantId: this.scope.tenantId, deletedAt: null };
    if (query.search) {
      const text = containsInsensitive(query.search);
      where.OR = [{ name: text }, { email: text }, { company: { is: { tenantId: this.scope.tenantId, name: text } } }];
    }
    return this.scope.run(async (tx) => {
      const rows = await tx.contact.findMany({
        where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
        orderBy: { id: 'asc' },
        take: query.take + 1,
      });
      const totalCount = await tx.contact.count({ where });
      return { rows, totalCount };
    });
  }

  /**
   * The first `limit` live contacts of each company, oldest first, in ONE statement (a LATERAL join
   * per company using the (tenant_id, company_id, id) index).
   */
  listByCompanyIds(companyIds: readonly string[], limit: number): Promise<Contact[]> {
    if (companyIds.length === 0 || limit === 0) return Promise.resolve([]);
    return this.scope.run(
      (tx) => tx.$queryRaw<Contact[]>`
        SELECT c.id, c.tenant_id AS "tenantId", c.name, c.email, c.phone, c.company_id AS "companyId",
               c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.deleted_at AS "deletedAt"
        FROM unnest(${[...companyIds]}::uuid[]) AS wanted(company_id)
        CROSS JOIN LATERAL (
          SELECT * FROM contacts
          WHERE tenant_id = ${this.scope.tenantId}::uuid AND company_id = wanted.company_id AND deleted_at IS NULL
          ORDER BY id
          LIMIT ${limit}
        ) AS c`,
    );
  }

  /**
   * Locks a live contact of the tenant for the rest of the transaction and returns its id: `share`
   * while a deal is attached to it, `update` while it is being deleted, so the two cannot interleave.
   */
  async lockLive(tx: CrmTx, id: string, mode: 'share' | 'update'): Promise<boolean> {
    const rows =
      mode === 'share'
        ? await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM contacts WHERE tenant_id = ${this.scope.tenantId}::uuid AND id = ${id}::uuid AND deleted_at IS NULL FOR SHARE`
        : await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM contacts WHERE tenant_id = ${this.scope.tenantId}::uuid AND id = ${id}::uuid AND deleted_at IS NULL FOR UPDATE`;
    return rows.length === 1;
  }

  create(tx: CrmTx, data: ContactData): Promise<Contact> {
    return tx.contact.create({ data: { ...data, tenantId: this.scope.tenantId } });
  }

  /** Changes a live contact; null when there is none with that id in the tenant. */
  async update(tx: CrmTx, id: string, change: Partial<ContactData>): Promise<Contact | null> {
    const [updated] = await tx.contact.updateManyAndReturn({
      where: { tenantId: this.scope.tenantId, id, deletedAt: null },
      data: change,
    });
    return updated ?? null;
  }

  async markDeleted(tx: CrmTx, id: string, at: Date): Promise<void> {
    await tx.contact.update({ where: { tenantId_id: { tenantId: this.scope.tenantId, id } }, data: { deletedAt: at } });
  }
}
