/** An HR employee as fleet knows it: only its key (HR resolves the rest). */
export interface EmployeeReference {
  id: string;
}
