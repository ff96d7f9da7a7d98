/** An HR employee as payroll knows it: only its key (HR resolves the rest). */
export interface EmployeeReference {
  id: string;
}

/** A CRM deal as payroll knows it: only its key (CRM resolves the rest). */
export interface DealReference {
  id: string;
}
