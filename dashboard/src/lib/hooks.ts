import { useCallback, useEffect, useState } from 'react';

/** `value`, once it has stopped changing for `ms` (search boxes). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Cursor pagination with a way back: the cursors of the pages seen so far. `key` names the filter the
 * pages belong to: when it changes, the very same render is back on page 1 (no request goes out with
 * a cursor of the previous filter).
 */
export function useCursorPages(key = '') {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  const cursors = state.key === key ? state.cursors : [null];
  const next = useCallback(
    (endCursor: string | null | undefined) => {
      if (endCursor) setState((s) => ({ key, cursors: [...(s.key === key ? s.cursors : [null]), endCursor] }));
    },
    [key],
  );
  const previous = useCallback(
    () => setState((s) => ({ key, cursors: s.key === key && s.cursors.length > 1 ? s.cursors.slice(0, -1) : [null] })),
    [key],
  );
  const reset = useCallback(() => setState({ key, cursors: [null] }), [key]);
  return { after: cursors[cursors.length - 1] ?? null, page: cursors.length, next, previous, reset };
}
