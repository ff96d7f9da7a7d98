import { Decimal, invalid, isCurrency, roundToMinorUnit, valid, type Checked, type UserError } from '@tessera/service-kit';
import { refuse } from '../errors.js';
import type { DealStage } from '../generated/prisma/client.js';

/** The stages of a deal still in play, in pipeline order. WON and LOST are final. */
export const OPEN_STAGES: readonly DealStage[] = ['LEAD', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION'];

export function isOpenStage(stage: DealStage): boolean {
  return OPEN_STAGES.includes(stage);
}

/** The stage of a new deal (LEAD when omitted) or the target of updateDealStage: open stages only. */
export function checkOpenStage(stage: DealStage | null | undefined, field: string[]): Checked<DealStage> {
  const value = stage ?? 'LEAD';
  if (!isOpenStage(value)) {
    return invalid(
      refuse('INVALID_STAGE', `Stage must be one of ${OPEN_STAGES.join(', ')}; use markDealWon or markDealLost to close a deal`, field),
    );
  }
  return valid(value);
}

/** Largest amount a NUMERIC(19, 4) column holds: 15 integer digits. */
const AMOUNT_LIMIT = new Decimal('1e15');

export interface DealAmount {
  amount: Decimal;
  currency: string;
}

/**
 * A deal amount: an ISO 4217 currency (upper-cased) and an amount rounded half-up to the currency's
 * minor unit that is still more than zero and fits the column.
 */
export function checkDealAmount(amount: Decimal, currencyInput: string, field: string[]): Checked<DealAmount> {
  const currency = currencyInput.trim().toUpperCase();
  const errors: UserError[] = [];
  const knownCurrency = isCurrency(currency);
  if (!knownCurrency) errors.push(refuse('INVALID_CURRENCY', 'Currency must be an ISO 4217 code', [...field, 'currency']));
  const rounded = knownCurrency ? roundToMinorUnit(amount, currency) : amount;
  if (!rounded.greaterThan(0)) {
    errors.push(refuse('INVALID_AMOUNT', 'Amount must be more than zero (after rounding to the currency)', [...field, 'amount']));
  } else if (rounded.greaterThanOrEqualTo(AMOUNT_LIMIT)) {
    errors.push(refuse('INVALID_AMOUNT', `Amount must be less than ${AMOUNT_LIMIT.toFixed()}`, [...field, 'amount']));
  }
  return errors.length > 0 ? invalid(...errors) : valid({ amount: rounded, currency });
}

export const MAX_LOST_REASON_LENGTH = 1000;

/** An optional reason a deal was lost: trimmed, blank means none, at most 1000 characters. */
export function checkLostReason(raw: string | null | undefined, field: string[]): Checked<string | null> {
  const value = raw?.trim() ?? '';
  if (value.length > MAX_LOST_REASON_LENGTH) {
    return invalid(refuse('INVALID', `Reason must be at most ${MAX_LOST_REASON_LENGTH} characters`, field));
  }
  return valid(value === '' ? null : value);
}
