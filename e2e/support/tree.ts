// Finding and opening items of the organization tree by their names, the way a person would.
import { expect, type Locator, type Page } from '@playwright/test';

export const tree = (page: Page) => page.getByRole('tree');

/** The tree item named `name` at `level` (1 is the top) inside `scope`. */
export const itemIn = (scope: Locator, name: string, level: number): Locator => scope.getByRole('treeitem', { name, exact: true, level });

/** Opens each named item in turn, from the top, with a mouse click on its toggle; returns the last. */
export async function expandPath(page: Page, names: string[]): Promise<Locator> {
  let scope: Locator = tree(page);
  let item: Locator | null = null;
  for (const [i, name] of names.entries()) {
    item = itemIn(scope, name, i + 1);
    await expect(item).toBeVisible();
    if (i < names.length - 1) {
      if ((await item.getAttribute('aria-expanded')) === 'false') await item.locator(':scope > div > span[aria-hidden="true"]').click();
      await expect(item).toHaveAttribute('aria-expanded', 'true');
      scope = item.locator(':scope > [role="group"]');
    }
  }
  return item!;
}
