import { type Connection, errorsOf, isUuid, listOrChanges, pageWindow, searchText, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Company, Contact } from '../generated/prisma/client.js';
import type { CreateContactInput, DeleteContactInput, QueryContactsArgs, UpdateContactInput } from '../generated/graphql.js';
import type { CrmTx } from '../db.js';
import type { CrmLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import { checkCompanyName, checkEmail, checkName, checkPhone, companyNameKey } from '../domain/contact-fields.js';
import { OPEN_STAGES } from '../domain/deal-rules.js';
import { contactHasDeals, contactNotFound } from '../errors.js';
import type { CrmEvents } from '../events/crm-events.js';

export interface ContactPayload {
  contact: Contact | null;
  userErrors: UserError[];
}

export interface DeleteContactPayload {
  deletedContactId: string | null;
  userErrors: UserError[];
}

/** Contacts of the caller's tenant: reading, searching, and changes with their company found or created. */
export class ContactService {
  constructor(
    private readonly scope: TenantScope<CrmTx>,
    private readonly repositories: Repositories,
    private readonly loaders: CrmLoaders,
    private readonly events: CrmEvents,
  ) {}

  /** A live contact by id; null when unknown, another tenant's or deleted. */
  async get(id: string): Promise<Contact | null> {
    const contact = await this.loaders.contactById.load(id);
    return contact && contact.deletedAt === null ? contact : null;
  }

  list(args: QueryContactsArgs): Promise<Connection<Contact>> {
    const search = searchText(args.filter?.search);
    return listOrChanges(args, this.scope, (tx, window) => this.repositories.contacts.page(tx, { ...window, search }));
  }

  /** A company's first contacts (0 to 100, the same bound as connections). */
  ofCompany(companyId: string, first: number | null | undefined): Promise<Contact[]> {
    const { take } = pageWindow({ first });
    return this.loaders.contactsByCompanyId(take).load(companyId);
  }

  async create(input: CreateContactInput): Promise<ContactPayload> {
    const name = checkName(input.name, ['input', 'name']);
    const email = checkEmail(input.email, ['input', 'email']);
    const phone = checkPhone(input.phone, ['input', 'phone']);
    const companyName = checkCompanyName(input.companyName, ['input', 'companyName']);
    if (!name.ok || !email.ok || !phone.ok || !companyName.ok) {
      return { contact: null, userErrors: errorsOf(name, email, phone, companyName) };
    }
    const { contact, company } = await this.scope.run(async (tx) => {
      const company = await this.companyNamed(tx, companyName.value);
      const data = { name: name.value, email: email.value, phone: phone.value, companyId: company?.id ?? null };
      const contact = await this.repositories.contacts.create(tx, data);
      await this.events.contactCreated(tx, contact);
      return { contact, company };
    });
    if (company) this.loaders.companyById.prime(company.id, company);
    return { contact, userErrors: [] };
  }

  /** Changes the given fields: omitted ones stay, null or blank clears email, phone and company. */
  async update(input: UpdateContactInput): Promise<ContactPayload> {
    const name = input.name == null ? undefined : checkName(input.name, ['input', 'name']);
    const email = input.email === undefined ? undefined : checkEmail(input.email, ['input', 'email']);
    const phone = input.phone === undefined ? undefined : checkPhone(input.phone, ['input', 'phone']);
    const companyName = input.companyName === undefined ? undefined : checkCompanyName(input.companyName, ['input', 'companyName']);
    const errors = [...(isUuid(input.contactId) ? [] : [contactNotFound()]), ...errorsOf(name, email, phone, companyName)];
    if (errors.length > 0 || name?.ok === false || email?.ok === false || phone?.ok === false || companyName?.ok === false) {
      return { contact: null, userErrors: errors };
    }
    const result = await this.scope.run(async (tx) => {
      if (!(await this.repositories.contacts.lockLive(tx, input.contactId, 'update'))) return null;
      const company = companyName ? await this.companyNamed(tx, companyName.value) : undefined;
      const contact = await this.repositories.contacts.update(tx, input.contactId, {
        ...(name ? { name: name.value } : {}),
        ...(email ? { email: email.value } : {}),
        ...(phone ? { phone: phone.value } : {}),
        ...(company !== undefined ? { companyId: company?.id ?? null } : {}),
      });
      if (contact) await this.events.contactUpdated(tx, contact);
      return contact ? { contact, company } : null;
    });
    if (!result) return { contact: null, userErrors: [contactNotFound()] };
    if (result.company) this.loaders.companyById.prime(result.company.id, result.company);
    this.loaders.contactById.clear(result.contact.id).prime(result.contact.id, result.contact);
    return { contact: result.contact, userErrors: [] };
  }

  /** Deletes a contact with no open deal. It stays readable through references (its deals, other modules). */
  async delete(input: DeleteContactInput): Promise<DeleteContactPayload> {
    if (!isUuid(input.contactId)) return { deletedContactId: null, userErrors: [contactNotFound()] };
    const refusal = await this.scope.run(async (tx): Promise<UserError | null> => {
      if (!(await this.repositories.contacts.lockLive(tx, input.contactId, 'update'))) return contactNotFound();
      const openDeals = await this.repositories.deals.countByContact(tx, input.contactId, OPEN_STAGES);
      if (openDeals > 0) return contactHasDeals(openDeals);
      const deletedAt = new Date();
      await this.repositories.contacts.markDeleted(tx, input.contactId, deletedAt);
      await this.events.contactDeleted(tx, input.contactId, deletedAt);
      return null;
    });
    this.loaders.contactById.clear(input.contactId);
    return refusal ? { deletedContactId: null, userErrors: [refusal] } : { deletedContactId: input.contactId, userErrors: [] };
  }

  /** The company of that name (found or created), or null for no company. */
  private companyNamed(tx: CrmTx, name: string | null): Promise<Company | null> {
    return name === null
      ? Promise.resolve(null)
      : this.repositories.companies.findOrCreate(tx, { name, normalizedName: companyNameKey(name), domain: null });
  }
}
