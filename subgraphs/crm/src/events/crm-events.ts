import type { Outbox } from '@tessera/events';
import { minorUnits } from '@tessera/service-kit';
import type { Company, Contact, Deal } from '../generated/prisma/client.js';
import type { CrmTx } from '../db.js';

/** The deal's amount with its currency's decimals (2 for EUR, 0 for JPY, 3 for KWD). */
const money = (deal: Deal) => ({ amount: deal.amount.toFixed(minorUnits(deal.currency)), currency: deal.currency });

/**
 * CRM's domain events, recorded in the outbox inside the transaction of the change they describe.
 * Subjects: `crm.<tenant>.contact.created`, `crm.<tenant>.deal.won`, ...
 */
export class CrmEvents {
  constructor(private readonly outbox: Outbox) {}

  contactCreated(tx: CrmTx, contact: Contact) {
    return this.outbox.record(tx, {
      type: 'crm.contact.created',
      tenantId: contact.tenantId,
      subjectId: contact.id,
      data: { name: contact.name, email: contact.email, companyId: contact.companyId },
    });
  }

  contactUpdated(tx: CrmTx, contact: Contact) {
    return this.outbox.record(tx, {
      type: 'crm.contact.updated',
      tenantId: contact.tenantId,
      subjectId: contact.id,
      data: { name: contact.name, email: contact.email, companyId: contact.companyId },
    });
  }

  contactDeleted(tx: CrmTx, tenantId: string, contactId: string, deletedAt: Date) {
    return this.outbox.record(tx, {
      type: 'crm.contact.deleted',
      tenantId,
      subjectId: contactId,
      data: { deletedAt: deletedAt.toISOString() },
    });
  }

  companyCreated(tx: CrmTx, company: Company) {
    return this.outbox.record(tx, {
      type: 'crm.company.created',
      tenantId: company.tenantId,
      subjectId: company.id,
      data: { name: company.name },
    });
  }

  dealCreated(tx: CrmTx, deal: Deal) {
    return this.outbox.record(tx, {
      type: 'crm.deal.created',
      tenantId: deal.tenantId,
      subjectId: deal.id,
      data: { title: deal.title, contactId: deal.contactId, ownerId: deal.ownerId, stage: deal.stage, amount: money(deal) },
    });
  }

  /** The event of a stage move: won, lost, or a move between open stages. */
  dealMoved(tx: CrmTx, before: Deal, after: Deal) {
    const closing = { title: after.title, contactId: after.contactId, ownerId: after.ownerId, amount: money(after) };
    if (after.stage === 'WON') {
      return this.outbox.record(tx, {
        type: 'crm.deal.won',
        tenantId: after.tenantId,
        subjectId: after.id,
        data: { ...closing, closedAt: (after.closedAt ?? new Date()).toISOString() },
      });
    }
    if (after.stage === 'LOST') {
      return this.outbox.record(tx, {
        type: 'crm.deal.lost',
        tenantId: after.tenantId,
        subjectId: after.id,
        data: { ...closing, closedAt: (after.closedAt ?? new Date()).toISOString(), reason: after.lostReason },
      });
    }
    return this.outbox.record(tx, {
      type: 'crm.deal.stage_changed',
      tenantId: after.tenantId,
      subjectId: after.id,
      data: { title: after.title, from: before.stage, to: after.stage, amount: money(after) },
    });
  }
}
