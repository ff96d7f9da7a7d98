/** Building blocks every event contract uses. */
import { z } from 'zod';

export const uuid = z.uuid();
/** A decimal number as a string, e.g. "1250.00"; never a float. */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string such as "1250.00"');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code');
export const money = z.object({ amount: decimal, currency });
export const instant = z.iso.datetime({ offset: true });
export const day = z.iso.date();
