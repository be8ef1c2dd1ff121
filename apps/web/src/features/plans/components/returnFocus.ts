// Focus back on the button that opened a dialog, once the dialog has gone. The app's dialogs mount
// already open (useDialog remounts them on opening, for a fresh form), and Mantine records where
// focus was only when `opened` changes after mount, so without this a keyboard user lands on the
// page's start after Escape or Save.

/** The element that has focus now: call when opening a dialog. */
export const focusedElement = () => (document.activeElement instanceof HTMLElement ? document.activeElement : null);

/** Waits (up to a second) for focus to leave the dialog; if it fell to the page, puts it on `el`. */
export function returnFocusTo(el: HTMLElement | null) {
  if (!el) return;
  let tries = 0;
  const tick = () => {
    const active = document.activeElement;
    const inDialog = active instanceof HTMLElement && active.closest('[role="dialog"]') !== null;
    if (!inDialog) {
      if ((active === null || active === document.body) && el.isConnected) el.focus();
      return;
    }
    if (++tries < 40) setTimeout(tick, 25);
  };
  setTimeout(tick, 0);
}
