import { invalid, valid, type Checked } from '@tessera/service-kit';
import { refuse } from '../errors.js';

export const MAX_NAME_LENGTH = 200;

/** An item's name: trimmed, 1 to 200 characters. */
export function checkName(name: string): Checked<string> {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH)
    return invalid(refuse('INVALID', `The name must be 1 to ${MAX_NAME_LENGTH} characters`, ['input', 'name']));
  return valid(trimmed);
}
