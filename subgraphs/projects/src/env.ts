import { z } from 'zod';
import { eventBusEnvSchema } from '@tessera/events';
import { baseEnvSchema } from '@tessera/service-kit';

/** The projects module's settings, parsed once at start; every problem is reported together. */
export const projectsEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  PROJECTS_PORT: z.coerce.number().int().min(0).max(65535).default(4007),
  DB_POOL_MAX: z.coerce.number().int().positive().max(200).default(10),
});

export type ProjectsEnv = z.infer<typeof projectsEnvSchema>;
