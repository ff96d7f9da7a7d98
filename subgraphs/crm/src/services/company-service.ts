import { type Connection, errorsOf, listPage, searchText, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Company } from '../generated/prisma/client.js';
import type { CreateCompanyInput, QueryCompaniesArgs } from '../generated/graphql.js';
import type { CrmTx } from '../db.js';
import type { CrmLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import { companyNameTaken } from '../errors.js';
import { checkDomain, checkName, companyNameKey } from '../domain/contact-fields.js';
import type { CrmEvents } from '../events/crm-events.js';

export interface CompanyPayload {
  company: Company | null;
  userErrors: UserError[];
}

/** Companies of the caller's tenant: listing and creation with names unique ignoring case. */
export class CompanyService {
  constructor(
    private readonly scope: TenantScope<CrmTx>,
    private readonly repositories: Repositories,
    private readonly loaders: CrmLoaders,
    private readonly events: CrmEvents,
  ) {}

  get(id: string): Promise<Company | null> {
    return this.loaders.companyById.load(id);
  }

  list(args: QueryCompaniesArgs): Promise<Connection<Company>> {
    const search = searchText(args.filter?.search);
    return listPage(args, (window) => this.scope.run((tx) => this.repositories.companies.page(tx, { ...window, search })));
  }

  async create(input: CreateCompanyInput): Promise<CompanyPayload> {
    const name = checkName(input.name, ['input', 'name'], 'Company name');
    const domain = checkDomain(input.domain, ['input', 'domain']);
    const errors = errorsOf(name, domain);
    if (!name.ok || !domain.ok) return { company: null, userErrors: errors };
    const company = await this.scope.run(async (tx) => {
      const created = await this.repositories.companies.insertIfNameFree(tx, {
        name: name.value,
        normalizedName: companyNameKey(name.value),
        domain: domain.value,
      });
      if (created) await this.events.companyCreated(tx, created);
      return created;
    });
    if (!company) return { company: null, userErrors: [companyNameTaken(name.value)] };
    return { company, userErrors: [] };
  }
}
