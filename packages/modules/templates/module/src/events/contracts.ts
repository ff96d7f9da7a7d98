/**
 * The contracts of the events __Title__ records, kept in the module's own folder: registered by its
 * definition (defineModule({ events })), typed for the whole build by the augmentation below.
 */
import { z } from 'zod';

export const __module__Contracts = {
  /** An item was created (subjectId: the item's id). */
  '__module__.item.created': { version: 1, data: z.object({ name: z.string() }) },
} as const;

declare module '@tessera/events' {
  interface ModuleEventContracts {
    '__module__.item.created': (typeof __module__Contracts)['__module__.item.created'];
  }
}
