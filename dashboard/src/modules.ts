import type { ModuleKey } from './generated/graphql';

/** The app's sections: where each lives, and the module a tenant needs for it (null: always there). */
export interface Section {
  path: string;
  label: string;
  module: ModuleKey | null;
  /** One line for the "not enabled" page. */
  about: string;
}

export const SECTIONS: Section[] = [
  { path: '/', label: 'Overview', module: null, about: 'Your key numbers, live.' },
  { path: '/contacts', label: 'Contacts', module: 'CRM', about: 'Customers and the people you work with.' },
  { path: '/deals', label: 'Deals', module: 'CRM', about: 'Your sales pipeline.' },
  { path: '/invoices', label: 'Invoices', module: 'INVOICING', about: 'Billing and payments.' },
  { path: '/employees', label: 'Employees', module: 'HR', about: 'Your team, departments and leave.' },
  { path: '/bookings', label: 'Bookings', module: 'BOOKING', about: 'Appointments on a calendar.' },
  { path: '/orders', label: 'Orders', module: 'COMMERCE', about: 'Online orders and their fulfilment.' },
  { path: '/fleet', label: 'Fleet', module: 'FLEET', about: 'Vehicles, drivers and service reminders.' },
  { path: '/activity', label: 'Activity', module: 'ANALYTICS', about: 'Everything happening in the business, as it happens.' },
  { path: '/settings', label: 'Settings', module: null, about: 'Branding and workspace settings.' },
  { path: '/graphiql', label: 'API explorer', module: null, about: 'Run GraphQL against your workspace’s API.' },
];

export const MODULE_NAMES: Record<ModuleKey, string> = {
  CRM: 'CRM',
  INVOICING: 'Invoicing',
  HR: 'HR',
  PAYROLL: 'Payroll',
  PROJECTS: 'Projects',
  BOOKING: 'Booking',
  COMMERCE: 'Commerce',
  POS: 'Point of sale',
  ANALYTICS: 'Analytics',
  FLEET: 'Fleet',
};

export function visibleSections(enabled: readonly ModuleKey[]): Section[] {
  return SECTIONS.filter((section) => section.module === null || enabled.includes(section.module));
}
