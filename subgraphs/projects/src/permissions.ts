import { EVERY_PRINCIPAL, MANAGERS, type PermissionTable } from '@tessera/service-kit';

/** Projects' permission table (behaviour 7): every principal works in projects; templates (what every won deal starts) are owners' and admins'. */
export const permissions: PermissionTable = {
  createProject: EVERY_PRINCIPAL,
  updateProject: EVERY_PRINCIPAL,
  changeProjectStatus: EVERY_PRINCIPAL,
  addBoardColumn: EVERY_PRINCIPAL,
  addMilestone: EVERY_PRINCIPAL,
  completeMilestone: EVERY_PRINCIPAL,
  createTask: EVERY_PRINCIPAL,
  updateTask: EVERY_PRINCIPAL,
  moveTask: EVERY_PRINCIPAL,
  changeTaskState: EVERY_PRINCIPAL,
  assignTask: EVERY_PRINCIPAL,
  unassignTask: EVERY_PRINCIPAL,
  logTime: EVERY_PRINCIPAL,
  createProjectTemplate: MANAGERS,
  setDealWonTemplate: MANAGERS,
};
