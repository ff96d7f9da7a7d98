import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The product owner's shared folder beside the repository, when this checkout has one (CI does). */
export const SHARED = resolve(ROOT, '../shared');
export const hasShared = existsSync(resolve(SHARED, 'contract'));
