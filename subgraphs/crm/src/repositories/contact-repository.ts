import { isChangesWindow, listCountWhere, listFindArgs, type ListWindow, type Page } from '@tessera/service-kit';
import { containsInsensitive } from '@tessera/prisma';
import type { Contact, Prisma } from '../generated/prisma/client.js';
import type { CrmTx } from '../db.js';

export interface ContactData {
  name: string;
  email: string | null;
  phone: string | null;
  companyId: string | null;
}

/** Contacts: SQL only, every query filtered by the tenant. Deleted contacts are listed nowhere. */
export class ContactRepository {
  constructor(private readonly tenantId: string) {}

  /** Contacts by id, deleted ones included: other records (deals, invoices) still refer to them. */
  findByIds(tx: CrmTx, ids: string[]): Promise<Contact[]> {
    return tx.contact.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  /** One page of the tenant's live contacts, optionally those whose name, email or company name contains `search`. */
  /** A page of live contacts; a window of changes includes deleted ones (their deletedAt set): the tombstones a sync needs. */
  async page(tx: CrmTx, query: ListWindow & { search: string | null }): Promise<Page<Contact>> {
    const where: Prisma.ContactWhereInput = isChangesWindow(query)
      ? { tenantId: this.tenantId }
      : { tenantId: this.tenantId, deletedAt: null };
    if (query.search) {
      const text = containsInsensitive(query.search);
      where.OR = [{ name: text }, { email: text }, { company: { is: { tenantId: this.tenantId, name: text } } }];
    }
    const rows = await tx.contact.findMany(listFindArgs(where, query));
    const totalCount = await tx.contact.count({ where: listCountWhere(where, query) });
    return { rows, totalCount };
  }

  /**
   * The first `limit` live contacts of each company, oldest first, in ONE statement (a LATERAL join
   * per company using the (tenant_id, company_id, id) index).
   */
  listByCompanyIds(tx: CrmTx, companyIds: string[], limit: number): Promise<Contact[]> {
    if (companyIds.length === 0 || limit === 0) return Promise.resolve([]);
    return tx.$queryRaw<Contact[]>`
        SELECT c.id, c.tenant_id AS "tenantId", c.name, c.email, c.phone, c.company_id AS "companyId",
               c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.deleted_at AS "deletedAt"
        FROM unnest(${companyIds}::uuid[]) AS wanted(company_id)
        CROSS JOIN LATERAL (
          SELECT * FROM contacts
          WHERE tenant_id = ${this.tenantId}::uuid AND company_id = wanted.company_id AND deleted_at IS NULL
          ORDER BY id
          LIMIT ${limit}
        ) AS c`;
  }

  /**
   * Locks a live contact of the tenant for the rest of the transaction and returns its id: `share`
   * while a deal is attached to it, `update` while it is being deleted, so the two cannot interleave.
   */
  async lockLive(tx: CrmTx, id: string, mode: 'share' | 'update'): Promise<boolean> {
    const rows =
      mode === 'share'
        ? await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM contacts WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid AND deleted_at IS NULL FOR SHARE`
        : await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM contacts WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid AND deleted_at IS NULL FOR UPDATE`;
    return rows.length === 1;
  }

  create(tx: CrmTx, data: ContactData): Promise<Contact> {
    return tx.contact.create({ data: { ...data, tenantId: this.tenantId } });
  }

  /** Changes a live contact; null when there is none with that id in the tenant. */
  async update(tx: CrmTx, id: string, change: Partial<ContactData>): Promise<Contact | null> {
    const [updated] = await tx.contact.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, deletedAt: null },
      data: change,
    });
    return updated ?? null;
  }

  async markDeleted(tx: CrmTx, id: string, at: Date): Promise<void> {
    await tx.contact.update({ where: { tenantId_id: { tenantId: this.tenantId, id } }, data: { deletedAt: at } });
  }
}
