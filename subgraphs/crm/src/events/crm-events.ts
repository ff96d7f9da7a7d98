import type { EventData, EventEnvelope, Outbox, SqlExecutor } from '@tessera/events';
import { toMoney } from '@tessera/service-kit';
import type { Company, Contact, Deal } from '../generated/prisma/client.js';

/** The payload of `crm.contact.created` and `crm.contact.updated`: the contact as it is after the change. */
export const contactData = (contact: Pick<Contact, 'name' | 'email' | 'companyId'>) => ({
  name: contact.name,
  email: contact.email,
  companyId: contact.companyId,
});

export const contactDeletedData = (deletedAt: Date): EventData<'crm.contact.deleted'> => ({ deletedAt: deletedAt.toISOString() });

export const companyCreatedData = (company: Pick<Company, 'name'>): EventData<'crm.company.created'> => ({ name: company.name });

/** The deal's amount with its currency's decimals (2 for EUR, 0 for JPY, 3 for KWD). */
const amountOf = (deal: Deal) => toMoney(deal.amount, deal.currency);

export const dealCreatedData = (deal: Deal): EventData<'crm.deal.created'> => ({
  title: deal.title,
  contactId: deal.contactId,
  ownerId: deal.ownerId,
  stage: deal.stage,
  amount: amountOf(deal),
});

/** The facts of a closed deal (won or lost): it must have been closed. */
function closedDealFacts(deal: Deal) {
  if (deal.closedAt === null) throw new Error(`deal ${deal.id} is not closed`);
  return {
    title: deal.title,
    contactId: deal.contactId,
    ownerId: deal.ownerId,
    amount: amountOf(deal),
    closedAt: deal.closedAt.toISOString(),
  };
}

export const dealWonData = (deal: Deal): EventData<'crm.deal.won'> => closedDealFacts(deal);

export const dealLostData = (deal: Deal): EventData<'crm.deal.lost'> => ({ ...closedDealFacts(deal), reason: deal.lostReason });

export const dealStageChangedData = (before: Deal, after: Deal): EventData<'crm.deal.stage_changed'> => ({
  title: after.title,
  from: before.stage,
  to: after.stage,
  amount: amountOf(after),
});

/**
 * CRM's domain events, recorded in the outbox inside the transaction of the change they describe.
 * Subjects: `crm.<tenant>.contact.created`, `crm.<tenant>.deal.won`, ...
 */
export class CrmEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  contactCreated(tx: SqlExecutor, contact: Contact): Promise<EventEnvelope<'crm.contact.created'>> {
    return this.outbox.record(tx, {
      type: 'crm.contact.created',
      tenantId: this.tenantId,
      subjectId: contact.id,
      data: contactData(contact),
    });
  }

  contactUpdated(tx: SqlExecutor, contact: Contact): Promise<EventEnvelope<'crm.contact.updated'>> {
    return this.outbox.record(tx, {
      type: 'crm.contact.updated',
      tenantId: this.tenantId,
      subjectId: contact.id,
      data: contactData(contact),
    });
  }

  contactDeleted(tx: SqlExecutor, contactId: string, deletedAt: Date): Promise<EventEnvelope<'crm.contact.deleted'>> {
    return this.outbox.record(tx, {
      type: 'crm.contact.deleted',
      tenantId: this.tenantId,
      subjectId: contactId,
      data: contactDeletedData(deletedAt),
    });
  }

  companyCreated(tx: SqlExecutor, company: Company): Promise<EventEnvelope<'crm.company.created'>> {
    return this.outbox.record(tx, {
      type: 'crm.company.created',
      tenantId: this.tenantId,
      subjectId: company.id,
      data: companyCreatedData(company),
    });
  }

  dealCreated(tx: SqlExecutor, deal: Deal): Promise<EventEnvelope<'crm.deal.created'>> {
    return this.outbox.record(tx, { type: 'crm.deal.created', tenantId: this.tenantId, subjectId: deal.id, data: dealCreatedData(deal) });
  }

  dealWon(tx: SqlExecutor, deal: Deal): Promise<EventEnvelope<'crm.deal.won'>> {
    return this.outbox.record(tx, { type: 'crm.deal.won', tenantId: this.tenantId, subjectId: deal.id, data: dealWonData(deal) });
  }

  dealLost(tx: SqlExecutor, deal: Deal): Promise<EventEnvelope<'crm.deal.lost'>> {
    return this.outbox.record(tx, { type: 'crm.deal.lost', tenantId: this.tenantId, subjectId: deal.id, data: dealLostData(deal) });
  }

  dealStageChanged(tx: SqlExecutor, before: Deal, after: Deal): Promise<EventEnvelope<'crm.deal.stage_changed'>> {
    return this.outbox.record(tx, {
      type: 'crm.deal.stage_changed',
      tenantId: this.tenantId,
      subjectId: after.id,
      data: dealStageChangedData(before, after),
    });
  }
}
