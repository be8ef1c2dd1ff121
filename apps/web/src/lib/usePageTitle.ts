import { useEffect } from 'react';

/** Sets the browser tab's title for the page: "People · Trellis". */
export function usePageTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Trellis` : 'Trellis';
  }, [title]);
}
