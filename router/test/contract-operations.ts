import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kind, parse, print } from 'graphql';
import { fileURLToPath } from 'node:url';

const CONTRACT_DIR = resolve(fileURLToPath(import.meta.url), '../../../schema/contract');

/** The contract's operations by name, as written in schema/contract (a copy of shared/contract). */
export const contract: Record<string, string> = Object.fromEntries(
  readdirSync(CONTRACT_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) =>
      parse(readFileSync(resolve(CONTRACT_DIR, file), 'utf8')).definitions.flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [[definition.name.value, print(definition)] as const] : [],
      ),
    ),
);
