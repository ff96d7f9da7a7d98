/**
 * The event types an endpoint can ask for: the public catalogue (generated from the contracts,
 * internal types left out) of the modules whose streams this module follows (its manifest's
 * `events.consumes`, `<module>.*`).
 */
import { describeSchema, eventCatalogue, type CatalogueEntry } from '@tessera/events';

/** The producers followed, from the manifest's stream-wide consumes (`crm.*` -> crm). */
export function followedProducers(consumes: readonly string[]): string[] {
  return consumes.filter((type) => type.endsWith('.*')).map((type) => type.slice(0, -2));
}

export interface OfferedEventType extends CatalogueEntry {
  dataShape: string;
}

/** The catalogue entries offered to endpoints, sorted by type. */
export function offeredCatalogue(consumes: readonly string[]): OfferedEventType[] {
  const producers = new Set(followedProducers(consumes));
  return eventCatalogue()
    .filter((entry) => producers.has(entry.module))
    .map((entry) => ({ ...entry, dataShape: describeSchema(entry.dataSchema) }));
}

/** The event types offered to endpoints, sorted. */
export function offeredEventTypes(consumes: readonly string[]): string[] {
  return offeredCatalogue(consumes).map((entry) => entry.type);
}
