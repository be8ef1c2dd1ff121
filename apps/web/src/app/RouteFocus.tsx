// After each client-side navigation, moves focus to the new page's h1, so screen-reader users hear
// where they are and keyboard users start at the top of the content. Pages that load data render
// their heading a moment later, so it waits for one (briefly) unless the reader has moved on.
import { useEffect } from 'react';
import { useRouter } from '@tanstack/react-router';

const WAIT_MS = 3000;

export function RouteFocus() {
  const router = useRouter();
  useEffect(() => {
    let first = true;
    let timer: ReturnType<typeof setInterval> | undefined;
    const unsubscribe = router.subscribe('onResolved', ({ pathChanged }) => {
      if (first) {
        first = false;
        return;
      }
      if (!pathChanged) return;
      clearInterval(timer);
      const startedWith = document.activeElement;
      const started = Date.now();
      timer = setInterval(() => {
        const moved = document.activeElement !== startedWith && document.activeElement !== document.body;
        const heading = document.querySelector<HTMLElement>('[data-page-heading]');
        if (moved || heading || Date.now() - started > WAIT_MS) {
          clearInterval(timer);
          if (!moved) heading?.focus();
        }
      }, 50);
    });
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [router]);
  return null;
}
