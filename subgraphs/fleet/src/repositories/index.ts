import { AssignmentRepository } from './assignment-repository.js';
import { LogRepository } from './log-repository.js';
import { ReminderRepository } from './reminder-repository.js';
import { VehicleRepository } from './vehicle-repository.js';

/** Every fleet repository, bound to one tenant (every query also filters by it; row-level security applies too). */
export function createRepositories(tenantId: string) {
  return {
    vehicles: new VehicleRepository(tenantId),
    assignments: new AssignmentRepository(tenantId),
    logs: new LogRepository(tenantId),
    reminders: new ReminderRepository(tenantId),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
