/**
 * A module's manifest, `subgraphs/<module>/module.json`: the one place that says a module exists and
 * what it is. Everything that lists modules (the supergraph config, codegen, compose, Kubernetes,
 * identity's module keys and plans, analytics' and the dashboard's module lists, the e2e platform, the
 * module host) is generated from the manifests or reads them; nothing else names a module.
 */
import { z } from 'zod';
import { REFERENCE_FEEDS, REFERENCE_KINDS, referenceFeedTypes } from './references.js';

export const PLANS = ['FREE', 'BUSINESS'] as const;
export type Plan = (typeof PLANS)[number];

const eventType = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'an event type, <module>.<entity>.<verb>');
/** What a module consumes: an event type, or `<module>.*` for every event of that module's stream. */
const consumedType = z
  .string()
  .regex(/^[a-z][a-z0-9_]*\.([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*|\*)$/, 'an event type (<module>.<entity>.<verb>) or <module>.*');

/** One entry of the dashboard's navigation. */
const dashboardSection = z.object({
  path: z.string().regex(/^\/[a-z0-9-]+$/, 'a path like /contacts'),
  label: z.string().min(1),
  /** One line for the "not enabled" page and the navigation's title. */
  about: z.string().min(1),
  /** Position in the navigation (lower first; the dashboard's own sections use 0 and 1000+). */
  order: z.number().int().min(1).max(999),
  /** The module's own page for it (relative to the module folder, a React component as default export), if it ships one. */
  page: z
    .string()
    .regex(/^dashboard\/[A-Za-z0-9/_-]+\.tsx$/, "a file under the module's dashboard/ folder")
    .optional(),
});

export const manifestSchema = z
  .object({
    $schema: z.string().optional(),
    /** The module's folder and subgraph name: lower-case letters and digits. */
    name: z.string().regex(/^[a-z][a-z0-9]*$/, 'lower-case letters and digits, starting with a letter'),
    /** The entitlement key (upper-case name), or null for a module every tenant has (identity). */
    key: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .nullable(),
    /** How people call it (the dashboard's name for it). */
    title: z.string().min(1),
    /** One sentence: what it keeps (the ModuleKey value's description). */
    summary: z.string().min(1),
    /** The port it listens on when it runs as its own service (default; `<NAME>_PORT` overrides it). */
    port: z.number().int().min(1024).max(65535),
    /** The plans that include it (none for identity, which every tenant has). */
    plans: z.array(z.enum(PLANS)),
    events: z.object({
      /** The event types it records (its outbox) — the contracts in @tessera/events name the same. */
      publishes: z.array(eventType),
      /** The event types its consumers react to (`<module>.*`: every event of that module). */
      consumes: z.array(consumedType),
    }),
    /**
     * Other modules' objects it stores ids of (contacts, deals, employees): the runtime keeps a replica
     * of each kind's ids per tenant, fed by the owner's events (which join `events.consumes`), and
     * refuses a write naming an id the tenant does not have.
     */
    references: z.array(z.enum(REFERENCE_KINDS)).default([]),
    /** Its sections in the dashboard's navigation (none: it has no page of its own). */
    dashboard: z.array(dashboardSection),
    /** Its Prisma schema, relative to the module folder. */
    prisma: z.string().default('prisma/schema.prisma'),
    /** graphql-codegen settings of its resolver types (context type and mappers, relative to src/generated). */
    codegen: z.object({
      contextType: z.string(),
      mappers: z.record(z.string(), z.string()).default({}),
    }),
  })
  .superRefine((manifest, context) => {
    if (manifest.key === null && manifest.plans.length > 0)
      context.addIssue({ code: 'custom', path: ['plans'], message: 'a module without a key (every tenant has it) is in no plan' });
    if (manifest.key !== null && manifest.plans.length === 0)
      context.addIssue({ code: 'custom', path: ['plans'], message: 'a module with a key must be in at least one plan' });
    if (manifest.key !== null && manifest.key !== manifest.name.toUpperCase())
      context.addIssue({ code: 'custom', path: ['key'], message: `the key is the upper-case name (${manifest.name.toUpperCase()})` });
    for (const kind of manifest.references)
      if (REFERENCE_FEEDS[kind].owner === manifest.name)
        context.addIssue({ code: 'custom', path: ['references'], message: `${kind}: a module's own objects are not references` });
    for (const type of manifest.events.publishes)
      if (!type.startsWith(`${manifest.name}.`))
        context.addIssue({
          code: 'custom',
          path: ['events', 'publishes'],
          message: `${type}: a module publishes only its own events (${manifest.name}.*)`,
        });
  });

export type ModuleManifest = z.infer<typeof manifestSchema>;

/** Parses a manifest, with every problem in one message naming the file. */
export function parseManifest(json: unknown, source = 'module.json'): ModuleManifest {
  const result = manifestSchema.safeParse(json);
  if (result.success) {
    const { data } = result;
    // The events that feed its reference replicas are events it consumes (streams it reads, consumers it runs).
    const consumes = [...new Set([...data.events.consumes, ...referenceFeedTypes(data.references)])];
    return { ...data, events: { ...data.events, consumes } };
  }
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(manifest)'}: ${issue.message}`);
  throw new Error(`${source} is not a valid module manifest:\n${lines.join('\n')}`);
}
