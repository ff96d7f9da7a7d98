import { Decimal, invalid, valid, type Checked, type UserError } from '@tessera/service-kit';
import { refuse } from '../errors.js';
import { documentTotals, lineAmounts, type DocumentTotals } from './totals.js';

/** A line as the API receives it (InvoiceLineInput). */
export interface LineInput {
  description: string;
  quantity: Decimal;
  unitPrice: Decimal;
  taxRate?: Decimal | null;
}

/** A validated line with its computed amounts, ready to store. */
export interface PricedLine {
  position: number;
  description: string;
  quantity: Decimal;
  unitPrice: Decimal;
  taxRate: Decimal;
  net: Decimal;
  tax: Decimal;
}

export const MAX_LINES = 200;
export const MAX_DESCRIPTION_LENGTH = 500;
/** Stored numbers have 4 decimals (numeric(19,4), tax rate numeric(7,4)). */
const MAX_DECIMALS = 4;
/** numeric(19,4) holds at most 15 integer digits. */
const MAX_AMOUNT = new Decimal('1e15');

/** Priced lines and the document's totals. */
export interface PricedLines {
  lines: PricedLine[];
  totals: DocumentTotals;
}

/**
 * Validates lines (at least one, at most 200; quantity > 0, unit price >= 0, 0 <= tax rate <= 100,
 * at most 4 decimals each) and prices them in `currency`. Every problem is one userError whose
 * field path points at the input (`path` is where the lines sit, e.g. ['input', 'lines']).
 */
export function priceLines(inputs: readonly LineInput[], currency: string, path: string[]): Checked<PricedLines> {
  const errors: UserError[] = [];
  if (inputs.length === 0) errors.push(refuse('LINES_REQUIRED', 'At least one line is required', path));
  if (inputs.length > MAX_LINES) errors.push(refuse('TOO_MANY_LINES', `At most ${MAX_LINES} lines are allowed`, path));
  const lines: PricedLine[] = [];
  inputs.forEach((input, index) => {
    const at = (name: string) => [...path, String(index), name];
    const description = input.description.trim();
    const taxRate = input.taxRate ?? new Decimal(0);
    let valid = true;
    const fail = (error: UserError) => {
      errors.push(error);
      valid = false;
    };
    if (description.length === 0 || description.length > MAX_DESCRIPTION_LENGTH) {
      fail(refuse('INVALID_DESCRIPTION', `Description must be 1 to ${MAX_DESCRIPTION_LENGTH} characters`, at('description')));
    }
    if (!input.quantity.greaterThan(0)) fail(refuse('INVALID_QUANTITY', 'Quantity must be greater than 0', at('quantity')));
    else if (input.quantity.decimalPlaces() > MAX_DECIMALS || input.quantity.greaterThanOrEqualTo(MAX_AMOUNT)) {
      fail(refuse('INVALID_QUANTITY', 'Quantity must have at most 4 decimals and 15 digits before the point', at('quantity')));
    }
    if (input.unitPrice.isNegative()) fail(refuse('INVALID_UNIT_PRICE', 'Unit price must be 0 or more', at('unitPrice')));
    else if (input.unitPrice.decimalPlaces() > MAX_DECIMALS || input.unitPrice.greaterThanOrEqualTo(MAX_AMOUNT)) {
      fail(refuse('INVALID_UNIT_PRICE', 'Unit price must have at most 4 decimals and 15 digits before the point', at('unitPrice')));
    }
    if (taxRate.isNegative() || taxRate.greaterThan(100))
      fail(refuse('INVALID_TAX_RATE', 'Tax rate must be between 0 and 100 (a percentage)', at('taxRate')));
    else if (taxRate.decimalPlaces() > MAX_DECIMALS)
      fail(refuse('INVALID_TAX_RATE', 'Tax rate must have at most 4 decimals', at('taxRate')));
    if (!valid) return;
    const { net, tax } = lineAmounts({ quantity: input.quantity, unitPrice: input.unitPrice, taxRate }, currency);
    lines.push({ position: index, description, quantity: input.quantity, unitPrice: input.unitPrice, taxRate, net, tax });
  });
  if (errors.length > 0) return invalid(...errors);
  const totals = documentTotals(lines);
  if (totals.total.greaterThanOrEqualTo(MAX_AMOUNT)) {
    return invalid(refuse('AMOUNT_TOO_LARGE', 'The total must be below 10^15', path));
  }
  return valid({ lines, totals });
}
