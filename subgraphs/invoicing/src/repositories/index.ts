import { InvoiceLineRepository } from './invoice-line-repository.js';
import { InvoiceRepository } from './invoice-repository.js';
import { NumberSequenceRepository } from './number-sequence-repository.js';
import { PaymentRepository } from './payment-repository.js';

/** The module's repositories, bound to one tenant (every query also filters by it). */
export function createRepositories(tenantId: string) {
  return {
    invoices: new InvoiceRepository(tenantId),
    lines: new InvoiceLineRepository(tenantId),
    payments: new PaymentRepository(tenantId),
    sequences: new NumberSequenceRepository(tenantId),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
