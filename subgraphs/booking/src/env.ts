import { z } from 'zod';
import { baseEnvSchema } from '@tessera/service-kit';
import { eventBusEnvSchema } from '@tessera/events';

/** Booking's settings, parsed once at start; every problem is reported together. */
export const bookingEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  BOOKING_PORT: z.coerce.number().int().min(0).max(65535).default(4008),
});

export type BookingEnv = z.infer<typeof bookingEnvSchema>;
