/** A CRM contact as invoicing knows it: only its key (CRM resolves the rest). */
export interface ContactReference {
  id: string;
}

/** A CRM deal as invoicing knows it: only its key (CRM resolves the rest). */
export interface DealReference {
  id: string;
}
