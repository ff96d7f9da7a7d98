/** A CRM contact as booking knows it: only its key (CRM resolves the rest). */
export interface ContactReference {
  id: string;
}

/** An HR employee as booking knows it: only its key (HR resolves the rest). */
export interface EmployeeReference {
  id: string;
}
