// What every item of the organization tree shares: which units are open, which item holds the
// tab stop (roving tabindex), and how to open or toggle one.
import { createContext, useContext } from 'react';

export interface TreeState {
  isExpanded: (id: string) => boolean;
  setExpanded: (id: string, open: boolean) => void;
  activeId: string | null;
  setActiveId: (id: string) => void;
}

export const TreeContext = createContext<TreeState | null>(null);

export function useTree(): TreeState {
  const tree = useContext(TreeContext);
  if (!tree) throw new Error('useTree must be used inside OrganizationTree');
  return tree;
}

/** DOM id of a unit's tree item; ids are UUIDs, valid in ids once prefixed. */
export const treeItemId = (unitId: string) => `tree-item-${unitId}`;
