// Open/close state of a dialog whose form starts fresh each time it opens: the key changes on
// opening (remounting the form), not on closing (so the closing transition and focus return run).
import { useCallback, useState } from 'react';

export function useDialog() {
  const [state, setState] = useState({ opened: false, key: 0 });
  const open = useCallback(() => setState((s) => ({ opened: true, key: s.key + 1 })), []);
  const close = useCallback(() => setState((s) => ({ ...s, opened: false })), []);
  return { opened: state.opened, key: state.key, open, close };
}
