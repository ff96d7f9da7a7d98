import { isUuid } from '@tessera/service-kit';

/** An id filter: null when not given; an id that cannot exist matches nothing (the nil UUID). */
export function idFilter(id: string | null | undefined): string | null {
  if (id == null) return null;
  return isUuid(id) ? id : '00000000-0000-0000-0000-000000000000';
}
