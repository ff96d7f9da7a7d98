import type { InvoiceLine } from '../generated/prisma/client.js';
import type { InvoicingTx } from '../db.js';

/** SQL access to the lines of invoices and credit notes. */
export class InvoiceLineRepository {
  constructor(private readonly tenantId: string) {}

  /** The lines of many documents in one query, in document then position order. */
  findByDocumentIds(tx: InvoicingTx, documentIds: string[]): Promise<InvoiceLine[]> {
    return tx.invoiceLine.findMany({
      where: { tenantId: this.tenantId, invoiceId: { in: documentIds } },
      orderBy: [{ invoiceId: 'asc' }, { position: 'asc' }],
    });
  }

  /** The lines of one document. */
  findByDocumentId(tx: InvoicingTx, documentId: string): Promise<InvoiceLine[]> {
    return tx.invoiceLine.findMany({ where: { tenantId: this.tenantId, invoiceId: documentId }, orderBy: { position: 'asc' } });
  }
}
