import type { TenantScope } from '@tessera/prisma';
import type { InvoiceLine } from '../generated/prisma/client.js';
import type { InvoicingTx } from '../db.js';

/** SQL access to the lines of invoices and credit notes. */
export class InvoiceLineRepository {
  constructor(private readonly scope: TenantScope<InvoicingTx>) {}

  /** The lines of many documents in one query, in document then position order. */
  findByDocumentIds(documentIds: readonly string[]): Promise<InvoiceLine[]> {
    if (documentIds.length === 0) return Promise.resolve([]);
    return this.scope.run((tx) =>
      tx.invoiceLine.findMany({
        where: { tenantId: this.scope.tenantId, invoiceId: { in: [...documentIds] } },
        orderBy: [{ invoiceId: 'asc' }, { position: 'asc' }],
      }),
    );
  }

  /** The lines of one document inside a running transaction. */
  findByDocumentId(tx: InvoicingTx, documentId: string): Promise<InvoiceLine[]> {
    return tx.invoiceLine.findMany({ where: { tenantId: this.scope.tenantId, invoiceId: documentId }, orderBy: { position: 'asc' } });
  }
}
