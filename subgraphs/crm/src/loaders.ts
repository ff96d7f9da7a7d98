import DataLoader from 'dataloader';
import type { Company, Contact, Deal } from './generated/prisma/client.js';
import type { CompanyRepository } from './repositories/company-repository.js';
import type { ContactRepository } from './repositories/contact-repository.js';
import type { DealRepository } from './repositories/deal-repository.js';
import { isUuid } from '@tessera/service-kit';

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

/** Fetches rows for the well-formed keys only; no statement at all when there are none. */
async function fetchWellFormed<T>(keys: readonly string[], fetch: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const wanted = keys.filter(isUuid);
  return wanted.length > 0 ? fetch(wanted) : [];
}

/** Loads rows by id, answering null for ids not found (or not the tenant's). */
function byIdLoader<T extends { id: string }>(fetch: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const found = new Map((await fetchWellFormed(keys, fetch)).map((row) => [row.id, row]));
    return keys.map((key) => found.get(key) ?? null);
  });
}

/** Loads the rows of many parents at once, grouped by parent id (rows keep the order fetched). */
function byParentLoader<T>(fetch: (parentIds: string[]) => Promise<T[]>, parentOf: (row: T) => string | null): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of await fetchWellFormed(keys, fetch)) {
      const parent = parentOf(row);
      if (parent !== null) groups.get(parent)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

export function createLoaders(repositories: {
  contacts: ContactRepository;
  companies: CompanyRepository;
  deals: DealRepository;
}): CrmLoaders {
  const { contacts, companies, deals } = repositories;
  const contactsByLimit = new Map<number, DataLoader<string, Contact[]>>();
  return {
    contactById: byIdLoader((ids) => contacts.findByIds(ids)),
    companyById: byIdLoader((ids) => companies.findByIds(ids)),
    dealById: byIdLoader((ids) => deals.findByIds(ids)),
    dealsByContactId: byParentLoader(
      (ids) => deals.listByContactIds(ids),
      (deal) => deal.contactId,
    ),
    contactsByCompanyId(limit) {
      let loader = contactsByLimit.get(limit);
      if (!loader) {
        loader = byParentLoader(
          (ids) => contacts.listByCompanyIds(ids, limit),
          (contact) => contact.companyId,
        );
        contactsByLimit.set(limit, loader);
      }
      return loader;
    },
  };
}
