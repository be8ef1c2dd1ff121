// After a row moves up or down, keep the keyboard where it was: on the same button of the moved
// row, or on its other move button when that one is now disabled (the row reached an end).
export function focusMoved(rowKey: string, direction: 'up' | 'down') {
  requestAnimationFrame(() => {
    const same = document.querySelector<HTMLButtonElement>(`[data-move="${rowKey}-${direction}"]`);
    const other = document.querySelector<HTMLButtonElement>(`[data-move="${rowKey}-${direction === 'up' ? 'down' : 'up'}"]`);
    (same && !same.disabled ? same : other)?.focus();
  });
}

/** Focus on what `selector` finds once the change has rendered (e.g. "Add phase" after a removal). */
export function focusLater(selector: string) {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}
