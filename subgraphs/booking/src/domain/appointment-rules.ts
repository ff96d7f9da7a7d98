/** The appointment state machine. */
import type { AppointmentStatus } from '../generated/prisma/client.js';

/** The transitions the mutations make: from which statuses, to which one. */
export const APPOINTMENT_TRANSITIONS = {
  confirm: { from: ['REQUESTED'], to: 'CONFIRMED' },
  complete: { from: ['CONFIRMED'], to: 'COMPLETED' },
  noShow: { from: ['CONFIRMED'], to: 'NO_SHOW' },
  cancel: { from: ['REQUESTED', 'CONFIRMED'], to: 'CANCELLED' },
} as const satisfies Record<string, { from: readonly AppointmentStatus[]; to: AppointmentStatus }>;

export type AppointmentTransition = keyof typeof APPOINTMENT_TRANSITIONS;

/** Transitions that only make sense once the appointment has started (it happened, or nobody came). */
export const NEEDS_STARTED: ReadonlySet<AppointmentTransition> = new Set(['complete', 'noShow']);

/** Statuses of appointments still to take place (what `upcoming` lists). */
export const UPCOMING_STATUSES = ['REQUESTED', 'CONFIRMED'] as const satisfies readonly AppointmentStatus[];

/** Whether an appointment in `status` may make `transition`. */
export function canTransition(status: AppointmentStatus, transition: AppointmentTransition): boolean {
  return (APPOINTMENT_TRANSITIONS[transition].from as readonly AppointmentStatus[]).includes(status);
}
