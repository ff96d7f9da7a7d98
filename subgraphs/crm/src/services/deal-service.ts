import { type Connection, errorsOf, isUuid, listOrChanges, type References, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Deal } from '../generated/prisma/client.js';
import type { CreateDealInput, MarkDealLostInput, MarkDealWonInput, QueryDealsArgs, UpdateDealStageInput } from '../generated/graphql.js';
import type { CrmTx } from '../db.js';
import type { CrmLoaders } from '../loaders.js';
import type { DealChange } from '../repositories/deal-repository.js';
import type { Repositories } from '../repositories/index.js';
import { checkName } from '../domain/contact-fields.js';
import { checkDealAmount, checkLostReason, checkOpenStage, OPEN_STAGES } from '../domain/deal-rules.js';
import type { CrmEvents } from '../events/crm-events.js';
import { contactNotFound, dealClosed, dealNotFound, refuse } from '../errors.js';

export interface DealPayload {
  deal: Deal | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): DealPayload => ({ deal: null, userErrors });

/** Deals of the caller's tenant and their pipeline: open stages, then WON or LOST, final. */
export class DealService {
  constructor(
    private readonly scope: TenantScope<CrmTx>,
    private readonly repositories: Repositories,
    private readonly loaders: CrmLoaders,
    private readonly events: CrmEvents,
    private readonly references: References,
  ) {}

  get(id: string): Promise<Deal | null> {
    return this.loaders.dealById.load(id);
  }

  /** Deals, optionally of some stages (an empty list matches none) and/or of one contact. */
  list(args: QueryDealsArgs): Promise<Connection<Deal>> {
    const contactId = args.filter?.contactId ?? null;
    const stages = args.filter?.stage ?? null;
    return listOrChanges(args, this.scope, async (tx, window) =>
      contactId !== null && !isUuid(contactId)
        ? { rows: [], totalCount: 0 }
        : this.repositories.deals.page(tx, { ...window, stages, contactId }),
    );
  }

  /** Creates an open deal on a live contact of the tenant; the contact cannot be deleted meanwhile. */
  async create(input: CreateDealInput): Promise<DealPayload> {
    const title = checkName(input.title, ['input', 'title'], 'Title');
    const amount = checkDealAmount(input.amount.amount, input.amount.currency, ['input', 'amount']);
    const stage = checkOpenStage(input.stage, ['input', 'stage']);
    const errors = errorsOf(title, amount, stage);
    if (input.ownerId != null && !isUuid(input.ownerId)) {
      errors.push(refuse('INVALID', 'ownerId is not an employee id', ['input', 'ownerId']));
    }
    if (!isUuid(input.contactId)) errors.unshift(contactNotFound());
    if (errors.length > 0 || !title.ok || !amount.ok || !stage.ok) return refused(...errors);
    // The owner is an employee of this tenant, as HR's events told CRM (never another tenant's).
    const unknown = await this.references.check([{ kind: 'employee', id: input.ownerId, field: ['input', 'ownerId'] }]);
    if (unknown.length > 0) return refused(...unknown);

    const deal = await this.scope.run(async (tx) => {
      if (!(await this.repositories.contacts.lockLive(tx, input.contactId, 'share'))) return null;
      const created = await this.repositories.deals.create(tx, {
        title: title.value,
        stage: stage.value,
        amount: amount.value.amount,
        currency: amount.value.currency,
        contactId: input.contactId,
        ownerId: input.ownerId ?? null,
      });
      await this.events.dealCreated(tx, created);
      return created;
    });
    return deal ? { deal, userErrors: [] } : refused(contactNotFound());
  }

  /** Moves an open deal to another open stage. */
  async updateStage(input: UpdateDealStageInput): Promise<DealPayload> {
    const stage = checkOpenStage(input.stage, ['input', 'stage']);
    if (!stage.ok) return refused(...stage.errors);
    return this.inTransaction(input.dealId, (tx) => this.moveOpenDeal(tx, input.dealId, { stage: stage.value }));
  }

  /** Marks an open deal WON, closed now; crm.deal.won is recorded in the same transaction. */
  markWon(input: MarkDealWonInput): Promise<DealPayload> {
    return this.inTransaction(input.dealId, (tx) => this.moveOpenDeal(tx, input.dealId, { stage: 'WON', closedAt: new Date() }));
  }

  /** Marks an open deal LOST, closed now, with the reason given. */
  async markLost(input: MarkDealLostInput): Promise<DealPayload> {
    const reason = checkLostReason(input.reason, ['input', 'reason']);
    if (!reason.ok) return refused(...reason.errors);
    return this.inTransaction(input.dealId, (tx) =>
      this.moveOpenDeal(tx, input.dealId, { stage: 'LOST', closedAt: new Date(), lostReason: reason.value }),
    );
  }

  /** Runs a change of one deal in a tenant transaction; ids that cannot exist are NOT_FOUND at once. */
  private async inTransaction(dealId: string, work: (tx: CrmTx) => Promise<DealPayload>): Promise<DealPayload> {
    if (!isUuid(dealId)) return refused(dealNotFound());
    const result = await this.scope.run(work);
    if (result.deal) this.loaders.dealById.clear(result.deal.id).prime(result.deal.id, result.deal);
    return result;
  }

  /**
   * Applies `change` if the deal is open, and records the matching event; else says why not.
   * The deal's row is locked first, so the event's "from" stage is the one the change replaced.
   */
  private async moveOpenDeal(tx: CrmTx, dealId: string, change: DealChange): Promise<DealPayload> {
    const current = await this.repositories.deals.findForUpdate(tx, dealId);
    if (!current) return refused(dealNotFound());
    const deal = await this.repositories.deals.transition(tx, dealId, OPEN_STAGES, change);
    if (!deal) return refused(dealClosed(current.stage));
    if (deal.stage === 'WON') await this.events.dealWon(tx, deal);
    else if (deal.stage === 'LOST') await this.events.dealLost(tx, deal);
    else if (deal.stage !== current.stage) await this.events.dealStageChanged(tx, current, deal);
    return { deal, userErrors: [] };
  }
}
