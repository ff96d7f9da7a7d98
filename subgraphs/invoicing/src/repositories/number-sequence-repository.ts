import type { DocumentKind } from '../generated/prisma/client.js';
import type { InvoicingTx } from '../db.js';

/**
 * The gap-free per-(tenant, kind, year) document counters. `next` runs inside the issuing
 * transaction: the counter row stays locked until that transaction ends, so concurrent issuers
 * queue, never share or skip a value, and a rolled-back issue gives its value back.
 */
export class NumberSequenceRepository {
  constructor(private readonly tenantId: string) {}

  async next(tx: InvoicingTx, kind: DocumentKind, year: number): Promise<number> {
    const rows = await tx.$queryRaw<{ last_value: number }[]>`
      INSERT INTO invoice_number_sequences (tenant_id, kind, year, last_value)
      VALUES (${this.tenantId}::uuid, ${kind}::"DocumentKind", ${year}, 1)
      ON CONFLICT (tenant_id, kind, year) DO UPDATE SET last_value = invoice_number_sequences.last_value + 1
      RETURNING last_value`;
    const value = rows[0]?.last_value;
    if (typeof value !== 'number') throw new Error('number sequence returned no value');
    return value;
  }
}
