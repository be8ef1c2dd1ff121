// Keyboard behaviour of the tree, as the WAI-ARIA APG treeview pattern describes it. Works on the
// rendered items: collapsed groups are not rendered, so every treeitem in the DOM is visible.

export type TreeCommand =
  | { kind: 'focus'; item: HTMLElement }
  | { kind: 'expand'; item: HTMLElement }
  | { kind: 'collapse'; item: HTMLElement }
  | { kind: 'activate'; item: HTMLElement }
  | null;

const ITEM = '[role="treeitem"]';

/** The command a key press on `item` means, or null when the tree does not handle the key. */
export function commandFor(tree: HTMLElement, item: HTMLElement, key: string): TreeCommand {
  const items = Array.from(tree.querySelectorAll<HTMLElement>(ITEM));
  const index = items.indexOf(item);
  const expanded = item.getAttribute('aria-expanded');
  const at = (i: number) => items[i];
  switch (key) {
    case 'ArrowDown': {
      const next = at(index + 1);
      return next ? { kind: 'focus', item: next } : null;
    }
    case 'ArrowUp': {
      const previous = at(index - 1);
      return previous ? { kind: 'focus', item: previous } : null;
    }
    case 'ArrowRight': {
      if (expanded === 'false') return { kind: 'expand', item };
      if (expanded === 'true') {
        const child = item.querySelector<HTMLElement>(`:scope > [role="group"] > ${ITEM}`);
        return child ? { kind: 'focus', item: child } : null;
      }
      return null;
    }
    case 'ArrowLeft': {
      if (expanded === 'true') return { kind: 'collapse', item };
      const parent = item.parentElement?.closest<HTMLElement>(ITEM);
      return parent ? { kind: 'focus', item: parent } : null;
    }
    case 'Home': {
      const first = at(0);
      return first ? { kind: 'focus', item: first } : null;
    }
    case 'End': {
      const last = items.at(-1);
      return last ? { kind: 'focus', item: last } : null;
    }
    case 'Enter':
      return { kind: 'activate', item };
    default:
      return typeAhead(items, index, key);
  }
}

/** A printable character moves to the next item whose name starts with it. */
function typeAhead(items: HTMLElement[], index: number, key: string): TreeCommand {
  if (key.length !== 1 || key === ' ' || key === '*') return null;
  const wanted = key.toLowerCase();
  for (let step = 1; step <= items.length; step++) {
    const candidate = items[(index + step) % items.length]!;
    if ((candidate.dataset.name ?? '').toLowerCase().startsWith(wanted)) return { kind: 'focus', item: candidate };
  }
  return null;
}
