/**
 * Tessera's event contracts: one schema per event type and version. Producers and consumers share
 * these definitions (not each other's code): an event is validated when it is recorded in the
 * outbox and again when it is consumed. A breaking change to a payload is a new version; consumers
 * name the versions they accept.
 */
import { z } from 'zod';
import { day, instant, money, uuid } from './contracts/shared.js';
import { projectsEvents } from './contracts/projects.js';
import { bookingEvents } from './contracts/booking.js';
import { commerceEvents } from './contracts/commerce.js';
import { posEvents } from './contracts/pos.js';
import { fleetEvents } from './contracts/fleet.js';

const dealStage = z.enum(['LEAD', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST']);
const invoiceStatus = z.enum(['DRAFT', 'SENT', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'VOID']);
const employeeStatus = z.enum(['ACTIVE', 'ON_LEAVE', 'TERMINATED']);
const commissionStatus = z.enum(['ACCRUED', 'PAYABLE', 'PAID']);

/** An invoice as every invoicing event describes it (subjectId is the invoice id). */
const invoiceFacts = z.object({
  contactId: uuid,
  dealId: uuid.nullable(),
  number: z.string().nullable(),
  status: invoiceStatus,
  total: money,
  amountPaid: money,
  amountDue: money,
  issuedAt: instant.nullable(),
  dueDate: day.nullable(),
});

/** A commission as every payroll commission event describes it (subjectId is the commission id). */
const commissionFacts = z.object({
  employeeId: uuid,
  dealId: uuid,
  status: commissionStatus,
  amount: money,
});

/**
 * An employee as every HR event describes it (subjectId is the employee id): whichever event of an
 * employee a consumer sees first, it can build its copy from that event alone.
 */
const employeeFacts = z.object({
  name: z.string(),
  email: z.string(),
  jobTitle: z.string().nullable(),
  departmentId: uuid.nullable(),
  managerId: uuid.nullable(),
  /** The first day of employment. */
  hiredAt: day,
  /** Yearly base salary, if HR knows it. */
  salary: money.nullable(),
  /**
   * The employee's revision after the change: 1 when hired, one more with each change HR records an
   * event for. The order of an employee's events: a consumer applies an event only when its revision
   * is higher than the last one it applied (never by occurredAt, the recording host's clock).
   */
  revision: z.number().int().positive(),
});

/**
 * Every event type, its current version and its payload schema. Subjects are
 * `<module>.<tenantId>.<entity>.<verb>`: the type without the tenant, e.g. `crm.deal.won` is
 * published on `crm.<tenantId>.deal.won`.
 */
export const eventContracts = {
  // CRM: subjectId is the contact / company / deal id.
  'crm.contact.created': { version: 1, data: z.object({ name: z.string(), email: z.string().nullable(), companyId: uuid.nullable() }) },
  'crm.contact.updated': { version: 1, data: z.object({ name: z.string(), email: z.string().nullable(), companyId: uuid.nullable() }) },
  'crm.contact.deleted': { version: 1, data: z.object({ deletedAt: instant }) },
  'crm.company.created': { version: 1, data: z.object({ name: z.string() }) },
  'crm.deal.created': {
    version: 1,
    data: z.object({ title: z.string(), contactId: uuid, ownerId: uuid.nullable(), stage: dealStage, amount: money }),
  },
  'crm.deal.stage_changed': {
    version: 1,
    data: z.object({ title: z.string(), from: dealStage, to: dealStage, amount: money }),
  },
  'crm.deal.won': {
    version: 1,
    data: z.object({ title: z.string(), contactId: uuid, ownerId: uuid.nullable(), amount: money, closedAt: instant }),
  },
  'crm.deal.lost': {
    version: 1,
    data: z.object({
      title: z.string(),
      contactId: uuid,
      ownerId: uuid.nullable(),
      amount: money,
      closedAt: instant,
      reason: z.string().nullable(),
    }),
  },

  // Invoicing: subjectId is the invoice (or credit note) id.
  'invoicing.invoice.created': { version: 1, data: invoiceFacts },
  'invoicing.invoice.updated': { version: 1, data: invoiceFacts },
  'invoicing.invoice.sent': { version: 1, data: invoiceFacts },
  'invoicing.invoice.payment_recorded': {
    version: 1,
    data: invoiceFacts.extend({ paymentId: uuid, payment: money, paidAt: instant }),
  },
  'invoicing.invoice.paid': { version: 1, data: invoiceFacts.extend({ paidAt: instant }) },
  'invoicing.invoice.voided': { version: 1, data: invoiceFacts },
  'invoicing.credit_note.issued': {
    version: 1,
    data: z.object({ invoiceId: uuid, contactId: uuid, number: z.string(), total: money, issuedAt: instant }),
  },

  // HR: subjectId is the employee id. Every event describes the whole employee (employeeFacts).
  'hr.employee.hired': { version: 1, data: employeeFacts },
  'hr.employee.updated': {
    version: 1,
    data: employeeFacts
      .extend({
        /** The status on the day of the change (ON_LEAVE: an approved leave covers it). */
        status: employeeStatus,
        /** The last day of employment: set exactly when the status is TERMINATED. */
        terminatedAt: day.nullable(),
      })
      .refine((data) => (data.status === 'TERMINATED') === (data.terminatedAt !== null), {
        message: 'terminatedAt is set exactly when the status is TERMINATED',
        path: ['terminatedAt'],
      }),
  },
  'hr.employee.terminated': { version: 1, data: employeeFacts.extend({ terminatedAt: day, reason: z.string().nullable() }) },

  // Payroll: subjectId is the commission / pay run id.
  'payroll.commission.accrued': { version: 1, data: commissionFacts },
  'payroll.commission.payable': { version: 1, data: commissionFacts },
  'payroll.commission.paid': { version: 1, data: commissionFacts.extend({ payRunId: uuid }) },
  'payroll.pay_run.approved': {
    version: 1,
    data: z.object({ periodStart: day, periodEnd: day, gross: money, commissions: money, payslipCount: z.number().int().nonnegative() }),
  },
  'payroll.pay_run.paid': {
    version: 1,
    data: z.object({
      periodStart: day,
      periodEnd: day,
      gross: money,
      commissions: money,
      payslipCount: z.number().int().nonnegative(),
      paidAt: instant,
    }),
  },

  // Analytics: subjectId is the tenant id (the dashboard is per tenant).
  /**
   * Analytics applied the event `causeId` (of type `cause`) to its read models: the dashboard's numbers
   * may have changed, and the activity feed has the event's item (its id is `causeId`) if the type makes one.
   */
  'analytics.dashboard.updated': { version: 1, data: z.object({ cause: z.string(), causeId: uuid }) },

  // The business modules of issue 5 keep their contracts in contracts/<module>.ts.
  ...projectsEvents,
  ...bookingEvents,
  ...commerceEvents,
  ...posEvents,
  ...fleetEvents,
} as const;

/** One event type's contract: its current version and the schema of its payload. */
export interface EventContract {
  version: number;
  data: z.ZodType;
}

/**
 * Contracts a module declares in its own folder (a module added after these, e.g. by `npm run
 * new:module`): it augments this interface for the types (`declare module '@tessera/events' {
 * interface ModuleEventContracts { ... } }`) and registers the values at load
 * (`defineModule({ events: contracts })` calls registerEventContracts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleEventContracts {}

export type EventContracts = typeof eventContracts & ModuleEventContracts;
/** An event type, e.g. `crm.deal.won`. */
export type EventType = Extract<keyof EventContracts, string>;
/** The payload of an event type. */
export type EventData<T extends EventType> = z.infer<EventContracts[T]['data']>;

const registered = new Map<string, EventContract>();

/** Registers the contracts a module declares in its own folder; a type is the module's alone (no redefinition). */
export function registerEventContracts(contracts: Record<string, EventContract>): void {
  for (const [type, contract] of Object.entries(contracts)) {
    if (Object.hasOwn(eventContracts, type)) throw new Error(`event type ${type} is already defined by @tessera/events`);
    const existing = registered.get(type);
    if (existing && existing !== contract) throw new Error(`event type ${type} is registered twice with different contracts`);
    registered.set(type, contract);
  }
}

/** The contract of a type (built in or registered), if there is one. */
export function contractOf(type: string): EventContract | undefined {
  return Object.hasOwn(eventContracts, type) ? (eventContracts as Record<string, EventContract>)[type] : registered.get(type);
}

/** Every event type known in this process (built in and registered). */
export function knownEventTypes(): string[] {
  return [...Object.keys(eventContracts), ...registered.keys()];
}
/** A module that publishes events: the first part of every type and subject. */
export type EventModule = EventType extends `${infer M}.${string}` ? M : never;

export const EVENT_TYPES = Object.keys(eventContracts) as EventType[];

/** Whether `value` names a known event type. */
export function isEventType(value: string): value is EventType {
  return contractOf(value) !== undefined;
}

/** The module and the `<entity>.<verb>` of a type: `crm.deal.won` -> ['crm', 'deal.won']. */
export function splitEventType(type: EventType): [EventModule, string] {
  const dot = type.indexOf('.');
  return [type.slice(0, dot) as EventModule, type.slice(dot + 1)];
}
