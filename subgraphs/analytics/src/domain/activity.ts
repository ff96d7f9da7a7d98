/**
 * The activity feed's words: which events make an activity item, and the sentence each one reads as.
 * One style throughout: `<What> <verb>[ <details>][ · <amount>]`, names in typographic quotes,
 * states in sentence case, instants as `YYYY-MM-DD HH:MM UTC`, amounts with the currency's decimals
 * and thousands separators, e.g. `Deal “Website redesign” won · 12,000.00 EUR`. Nothing private goes
 * into a sentence: no salaries, no reasons for a termination or a lost deal.
 */
import type { EventData, EventEnvelope, EventType } from '@tessera/events';
import { money, type Money } from '@tessera/service-kit';

/** What an event reads as in the feed. */
export interface Activity {
  /** The module that recorded the event (the type's first part), e.g. `crm`. */
  module: string;
  /** One sentence, e.g. `Deal “Website redesign” won · 12,000.00 EUR`. */
  summary: string;
  /** The amount the event is about (exact, as the event gives it), if any. */
  amount: Money | null;
}

type Description = { text: string; amount?: Money };
type Describe<T extends EventType> = (data: EventData<T>) => Description;

/** Names longer than this are cut (with an ellipsis): a sentence stays a sentence. */
const MAX_NAME_LENGTH = 80;

/** A name in typographic quotes, trimmed and cut to MAX_NAME_LENGTH characters. */
export function quoted(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  const chars = [...trimmed];
  return `“${chars.length > MAX_NAME_LENGTH ? `${chars.slice(0, MAX_NAME_LENGTH - 1).join('')}…` : trimmed}”`;
}

/** An enum value in sentence case: `NEGOTIATION` -> `Negotiation`, `ON_HOLD` -> `On hold`. */
export function label(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An amount with the currency's decimals and thousands separators: `12,000.00 EUR`, `1,500 JPY`. */
export function formatMoney(value: Money): string {
  const { amount } = money(value.amount, value.currency);
  const negative = amount.startsWith('-');
  const [whole = '0', fraction] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''} ${value.currency}`;
}

/** An instant as `2026-03-02 10:00 UTC`. */
export function formatInstant(instant: string): string {
  return `${new Date(instant).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `Invoice INV-2026-0001`, or `An invoice` when it has no number. */
const invoice = (number: string | null) => (number ? `Invoice ${number}` : 'An invoice');

type AppointmentData = EventData<'booking.appointment.requested'>;
const appointment = (data: AppointmentData, verb: string): Description => ({
  text: `Appointment ${quoted(data.serviceName)} on ${formatInstant(data.startsAt)} ${verb}`,
  amount: data.price,
});

/** How each event type that makes an activity item reads. A type missing here makes none. */
const DESCRIPTIONS: { [T in EventType]?: Describe<T> } = {
  'crm.contact.created': (data) => ({ text: `Contact ${quoted(data.name)} created` }),
  'crm.deal.created': (data) => ({ text: `Deal ${quoted(data.title)} created in ${label(data.stage)}`, amount: data.amount }),
  'crm.deal.stage_changed': (data) => ({
    text: `Deal ${quoted(data.title)} moved from ${label(data.from)} to ${label(data.to)}`,
    amount: data.amount,
  }),
  'crm.deal.won': (data) => ({ text: `Deal ${quoted(data.title)} won`, amount: data.amount }),
  'crm.deal.lost': (data) => ({ text: `Deal ${quoted(data.title)} lost`, amount: data.amount }),

  'invoicing.invoice.sent': (data) => ({ text: `${invoice(data.number)} sent`, amount: data.total }),
  'invoicing.invoice.payment_recorded': (data) => ({
    text: `Payment received for ${data.number ? `invoice ${data.number}` : 'an invoice'}`,
    amount: data.payment,
  }),
  'invoicing.invoice.paid': (data) => ({ text: `${invoice(data.number)} paid in full`, amount: data.total }),
  'invoicing.invoice.voided': (data) => ({ text: `${invoice(data.number)} voided`, amount: data.total }),
  'invoicing.credit_note.issued': (data) => ({ text: `Credit note ${data.number} issued`, amount: data.total }),

  'hr.employee.hired': (data) => ({
    text: `Employee ${quoted(data.name)} hired${data.jobTitle ? ` as ${data.jobTitle.trim()}` : ''}, starting ${data.hiredAt}`,
  }),
  'hr.employee.terminated': (data) => ({ text: `Employee ${quoted(data.name)} leaving, last day ${data.terminatedAt}` }),

  'payroll.commission.accrued': (data) => ({ text: 'Commission accrued', amount: data.amount }),
  'payroll.commission.payable': (data) => ({ text: 'Commission became payable', amount: data.amount }),
  'payroll.commission.paid': (data) => ({ text: 'Commission paid', amount: data.amount }),
  'payroll.pay_run.paid': (data) => ({ text: `Pay run ${data.periodStart} to ${data.periodEnd} paid`, amount: data.gross }),

  'projects.project.created': (data) => ({ text: `Project ${quoted(data.name)} created` }),
  'projects.project.status_changed': (data) => ({
    text: `Project ${quoted(data.name)} moved from ${label(data.from)} to ${label(data.to)}`,
  }),

  'booking.appointment.requested': (data) => appointment(data, 'requested'),
  'booking.appointment.confirmed': (data) => appointment(data, 'confirmed'),
  'booking.appointment.cancelled': (data) => appointment(data, 'cancelled'),
  'booking.appointment.completed': (data) => appointment(data, 'completed'),

  'commerce.order.placed': (data) => ({ text: `Order ${data.number} placed`, amount: data.total }),
  'commerce.order.canceled': (data) => ({ text: `Order ${data.number} cancelled`, amount: data.total }),

  'pos.sale.completed': (data) => ({ text: `Sale ${data.receiptNumber} completed`, amount: data.total }),
  'pos.sale.voided': (data) => ({ text: `Sale ${data.receiptNumber} voided`, amount: data.total }),

  'fleet.cost.recorded': (data) => ({ text: `${label(data.kind)} cost of ${data.day} recorded`, amount: data.amount }),
};

/** The event types that make an activity item. */
export const ACTIVITY_EVENT_TYPES = Object.keys(DESCRIPTIONS) as EventType[];

/** Whether events of this type make an activity item. */
export function hasActivity(type: string): boolean {
  return Object.hasOwn(DESCRIPTIONS, type);
}

/** What an event reads as in the activity feed; null for a type that makes no item. */
export function describeActivity(event: EventEnvelope): Activity | null {
  const describe = DESCRIPTIONS[event.type] as Describe<EventType> | undefined;
  if (!describe) return null;
  const { text, amount } = describe(event.data);
  return {
    module: event.type.slice(0, event.type.indexOf('.')),
    summary: amount ? `${text} · ${formatMoney(amount)}` : text,
    amount: amount ? { amount: amount.amount, currency: amount.currency } : null,
  };
}
