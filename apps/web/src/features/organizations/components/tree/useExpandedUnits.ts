// Which units are open in the tree. Kept for the browser tab's session, so coming back from a unit
// page shows the tree as it was left.
import { useCallback, useEffect, useState } from 'react';

const STORAGE_KEY = 'trellis.organizationTree.expanded';

function load(): Set<string> | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? new Set(JSON.parse(raw) as string[]) : null;
  } catch {
    return null;
  }
}

/** Open units; on a first visit, the top-level units (when there are only a few) start open. */
export function useExpandedUnits(rootIds: string[] | undefined) {
  const [expanded, setExpandedSet] = useState<Set<string> | null>(load);

  useEffect(() => {
    if (expanded === null && rootIds) setExpandedSet(new Set(rootIds.length <= 3 ? rootIds : []));
  }, [expanded, rootIds]);

  useEffect(() => {
    if (expanded) sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...expanded]));
  }, [expanded]);

  const isExpanded = useCallback((id: string) => expanded?.has(id) ?? false, [expanded]);
  const setExpanded = useCallback((id: string, open: boolean) => {
    setExpandedSet((current) => {
      const next = new Set(current ?? []);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  return { isExpanded, setExpanded };
}
