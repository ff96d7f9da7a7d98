import type { Prisma } from '../generated/prisma/client.js';

/** A case-insensitive "contains" filter; LIKE wildcards in the text match literally. */
export function containsInsensitive(text: string): Prisma.StringFilter & Prisma.StringNullableFilter {
  return { contains: text.replace(/[\\%_]/g, (char) => `\\${char}`), mode: 'insensitive' };
}
