/**
 * References to other modules' objects (issue 12 item 5). A module that stores another module's ids
 * (an invoice's contact, a task's assignee) declares the kinds in its manifest (`references`); the
 * runtime then keeps a replica of those ids per tenant, fed by the owner's events, and a write that
 * names an id the tenant does not have is refused, without calling the owning module.
 * This table says which events feed each kind; @tessera/events applies them.
 */
export const REFERENCE_KINDS = ['contact', 'deal', 'employee', 'location'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export interface ReferenceFeed {
  /** The module that owns the objects (and publishes their events). */
  owner: string;
  /** The event types that describe one (subjectId is its id), each the whole truth the replica needs. */
  events: readonly string[];
}

export const REFERENCE_FEEDS: Record<ReferenceKind, ReferenceFeed> = {
  contact: { owner: 'crm', events: ['crm.contact.created', 'crm.contact.updated', 'crm.contact.deleted'] },
  deal: { owner: 'crm', events: ['crm.deal.created', 'crm.deal.stage_changed', 'crm.deal.won', 'crm.deal.lost'] },
  employee: { owner: 'hr', events: ['hr.employee.hired', 'hr.employee.updated', 'hr.employee.terminated'] },
  /** Commerce's stock locations (a till sells from one). */
  location: { owner: 'commerce', events: ['commerce.location.created'] },
};

/** The event types that feed a module's reference replicas. */
export function referenceFeedTypes(kinds: readonly ReferenceKind[]): string[] {
  return kinds.flatMap((kind) => REFERENCE_FEEDS[kind].events);
}
