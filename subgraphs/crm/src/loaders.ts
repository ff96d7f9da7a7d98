import type DataLoader from 'dataloader';
import { perArguments, tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { CrmTx } from './db.js';
import type { Company, Contact, Deal } from './generated/prisma/client.js';
import type { Repositories } from './repositories/index.js';

/**
 * The request's DataLoaders: every entity reference and every list-per-parent field costs ONE SQL
 * statement per plan step, however many parents ask. Ids that cannot be UUIDs match nothing
 * without reaching the database.
 */
export interface CrmLoaders {
  contactById: DataLoader<string, Contact | null>;
  companyById: DataLoader<string, Company | null>;
  dealById: DataLoader<string, Deal | null>;
  dealsByContactId: DataLoader<string, Deal[]>;
  /** The first `limit` live contacts of each company (one loader per limit). */
  contactsByCompanyId(limit: number): DataLoader<string, Contact[]>;
}

export function createLoaders(scope: LoaderScope<CrmTx>, { contacts, companies, deals }: Repositories): CrmLoaders {
  const load = tenantLoaders(scope);
  return {
    contactById: load.byId((tx, ids) => contacts.findByIds(tx, ids)),
    companyById: load.byId((tx, ids) => companies.findByIds(tx, ids)),
    dealById: load.byId((tx, ids) => deals.findByIds(tx, ids)),
    dealsByContactId: load.byParent(
      (tx, ids) => deals.listByContactIds(tx, ids),
      (deal) => deal.contactId,
    ),
    contactsByCompanyId: perArguments((limit: number) =>
      load.byParent(
        (tx, ids) => contacts.listByCompanyIds(tx, ids, limit),
        (contact) => contact.companyId,
      ),
    ),
  };
}
