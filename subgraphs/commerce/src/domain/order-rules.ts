import type { OrderStatus } from '../generated/prisma/enums.js';

/** The order statuses a transition may start from. */
export const TRANSITIONS = {
  confirm: ['UNCONFIRMED'],
  fulfill: ['UNFULFILLED', 'PARTIALLY_FULFILLED'],
  cancel: ['UNCONFIRMED', 'UNFULFILLED'],
  return: ['FULFILLED'],
} as const satisfies Record<string, readonly OrderStatus[]>;

export type OrderTransition = keyof typeof TRANSITIONS;

/** Whether an order in `status` may go through `transition`. */
export function allows(transition: OrderTransition, status: OrderStatus): boolean {
  return (TRANSITIONS[transition] as readonly OrderStatus[]).includes(status);
}

/** The order number of the n-th order of a tenant: ORD-000001 (six digits at least, more when needed). */
export function orderNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`order sequence value ${n} is not a positive integer`);
  return `ORD-${String(n).padStart(6, '0')}`;
}

/** The status after a fulfilment, from every line's fulfilled and ordered quantities. */
export function statusAfterFulfilment(lines: readonly { quantity: number; fulfilledQuantity: number }[]): OrderStatus {
  const all = lines.every((line) => line.fulfilledQuantity === line.quantity);
  const none = lines.every((line) => line.fulfilledQuantity === 0);
  return all ? 'FULFILLED' : none ? 'UNFULFILLED' : 'PARTIALLY_FULFILLED';
}

export interface LineState {
  id: string;
  quantity: number;
  fulfilledQuantity: number;
}

/** One line's units to fulfil now. */
export interface FulfilmentStep {
  lineId: string;
  quantity: number;
}

export type FulfilmentPlan =
  { ok: true; steps: FulfilmentStep[] } | { ok: false; index: number | null; code: 'INVALID' | 'NOT_FOUND'; message: string };

/**
 * What a fulfilment request means: `requested` null fulfils every unfulfilled unit. Each line at
 * most once, 1 to its unfulfilled units; unknown line ids are NOT_FOUND.
 */
export function planFulfilment(lines: readonly LineState[], requested: readonly FulfilmentStep[] | null | undefined): FulfilmentPlan {
  if (requested == null) {
    const steps = lines
      .filter((line) => line.fulfilledQuantity < line.quantity)
      .map((line) => ({ lineId: line.id, quantity: line.quantity - line.fulfilledQuantity }));
    return steps.length > 0 ? { ok: true, steps } : { ok: false, index: null, code: 'INVALID', message: 'Nothing is left to fulfil' };
  }
  if (requested.length === 0) return { ok: false, index: null, code: 'INVALID', message: 'Give at least one line to fulfil' };
  const byId = new Map(lines.map((line) => [line.id, line]));
  const seen = new Set<string>();
  for (const [index, step] of requested.entries()) {
    const line = byId.get(step.lineId);
    if (!line) return { ok: false, index, code: 'NOT_FOUND', message: 'No such line in this order' };
    if (seen.has(step.lineId)) return { ok: false, index, code: 'INVALID', message: 'Each line at most once' };
    seen.add(step.lineId);
    const open = line.quantity - line.fulfilledQuantity;
    if (!Number.isInteger(step.quantity) || step.quantity < 1 || step.quantity > open) {
      return { ok: false, index, code: 'INVALID', message: `Quantity must be between 1 and the line's ${open} unfulfilled unit(s)` };
    }
  }
  return { ok: true, steps: requested.map((step) => ({ lineId: step.lineId, quantity: step.quantity })) };
}
