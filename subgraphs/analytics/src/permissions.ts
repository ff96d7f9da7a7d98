import type { PermissionTable } from '@tessera/service-kit';

/** Analytics has no mutations: its read models change only through events. */
export const permissions: PermissionTable = {};
