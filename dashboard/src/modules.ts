import type { ModuleKey } from './generated/graphql';
import { MODULE_NAMES, MODULE_SECTIONS } from './modules.generated';

/** The app's sections: where each lives, and the module a tenant needs for it (null: always there). */
export interface Section {
  path: string;
  label: string;
  module: ModuleKey | null;
  /** One line for the "not enabled" page. */
  about: string;
}

/**
 * The navigation: the dashboard's own sections around every module's, which come from the modules'
 * manifests (subgraphs/*\/module.json `dashboard`, generated into modules.generated.ts).
 */
export const SECTIONS: Section[] = [
  { path: '/', label: 'Overview', module: null, about: 'Your key numbers, live.' },
  ...MODULE_SECTIONS.map(({ path, label, module, about }) => ({ path, label, module, about })),
  { path: '/settings', label: 'Settings', module: null, about: 'Branding and workspace settings.' },
  { path: '/graphiql', label: 'API explorer', module: null, about: 'Run GraphQL against your workspace’s API.' },
];

export { MODULE_NAMES };

export function visibleSections(enabled: readonly ModuleKey[]): Section[] {
  return SECTIONS.filter((section) => section.module === null || enabled.includes(section.module));
}
