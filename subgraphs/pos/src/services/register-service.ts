import { type Connection, isCurrency, isUuid, listPage, type References, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Register } from '../generated/prisma/client.js';
import type { CreateRegisterInput, QueryRegistersArgs } from '../generated/graphql.js';
import type { PosTx } from '../db.js';
import { refuse } from '../errors.js';
import type { PosLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';

export interface RegisterPayload {
  register: Register | null;
  userErrors: UserError[];
}

/** The tenant's registers (tills). */
export class RegisterService {
  constructor(
    private readonly scope: TenantScope<PosTx>,
    private readonly repositories: Repositories,
    private readonly loaders: PosLoaders,
    private readonly references: References,
  ) {}

  get(id: string): Promise<Register | null> {
    return this.loaders.registerById.load(id);
  }

  list(args: QueryRegistersArgs): Promise<Connection<Register>> {
    return listPage(args, async (window) => {
      const page = await this.scope.run((tx) => this.repositories.registers.page(tx, window));
      for (const row of page.rows) this.loaders.registerById.prime(row.id, row);
      return page;
    });
  }

  async create(input: CreateRegisterInput): Promise<RegisterPayload> {
    const name = input.name.trim();
    const currency = input.currency.trim().toUpperCase();
    const errors: UserError[] = [];
    if (name.length === 0 || name.length > 100) errors.push(refuse('INVALID', 'Name must be 1 to 100 characters', ['input', 'name']));
    if (!isUuid(input.locationId)) errors.push(refuse('INVALID', 'locationId must be a UUID', ['input', 'locationId']));
    if (!isCurrency(currency)) errors.push(refuse('INVALID_CURRENCY', 'Currency must be an ISO 4217 code', ['input', 'currency']));
    if (errors.length > 0) return { register: null, userErrors: errors };
    // A stock location of this tenant, as commerce's events told POS (never another tenant's).
    const unknown = await this.references.check([{ kind: 'location', id: input.locationId, field: ['input', 'locationId'] }]);
    if (unknown.length > 0) return { register: null, userErrors: unknown };
    const register = await this.scope.run((tx) =>
      this.repositories.registers.create(tx, { name, locationId: input.locationId.toLowerCase(), currency }),
    );
    this.loaders.registerById.prime(register.id, register);
    return { register, userErrors: [] };
  }
}
