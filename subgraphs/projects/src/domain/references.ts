import type { ProjectTemplate } from '../generated/prisma/client.js';

/** A CRM contact as projects knows it: only its key (CRM resolves the rest). */
export interface ContactReference {
  id: string;
}

/** A CRM deal as projects knows it: only its key. */
export interface DealReference {
  id: string;
}

/** An HR employee as projects knows it: only its key (HR resolves the rest). */
export interface EmployeeReference {
  id: string;
}

/** The tenant's projects settings, with the deal-won template loaded. */
export interface ProjectSettingsRecord {
  dealWonTemplate: ProjectTemplate | null;
}
