/** A CRM contact as commerce knows it: only its key (CRM resolves the rest). */
export interface ContactReference {
  id: string;
}
