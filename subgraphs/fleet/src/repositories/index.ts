import { AssignmentRepository } from './assignment-repository.js';
import { LogRepository } from './log-repository.js';
import { ReminderRepository } from './reminder-repository.js';
import { VehicleRepository } from './vehicle-repository.js';

/** Every fleet repository, bound to one tenant. */
export interface FleetRepositories {
  vehicles: VehicleRepository;
  assignments: AssignmentRepository;
  logs: LogRepository;
  reminders: ReminderRepository;
}

export function createRepositories(tenantId: string): FleetRepositories {
  return {
    vehicles: new VehicleRepository(tenantId),
    assignments: new AssignmentRepository(tenantId),
    logs: new LogRepository(tenantId),
    reminders: new ReminderRepository(tenantId),
  };
}
