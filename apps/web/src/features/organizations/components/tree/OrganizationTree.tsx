// The organization as a WAI-ARIA treeview. Only the top is loaded at first; each unit's children
// are fetched when it is opened, so a state of 10,000 schools costs one level at a time.
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Loading } from '../../../../components/Loading';
import { ProblemAlert } from '../../../../components/ProblemAlert';
import { rootsQuery } from '../../api/unitQueries';
import { TreeContext, type TreeState } from './treeContext';
import { commandFor } from './treeKeyboard';
import { TreeNode } from './TreeNode';
import { useExpandedUnits } from './useExpandedUnits';
import classes from './OrganizationTree.module.css';

export function OrganizationTree({ label }: { label: string }) {
  const roots = useQuery(rootsQuery());
  const rootIds = useMemo(() => roots.data?.map((u) => u.id), [roots.data]);
  const { isExpanded, setExpanded } = useExpandedUnits(rootIds);
  const [activeId, setActiveId] = useState<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const navigate = useNavigate();

  // Keep exactly one tab stop: when the active item is gone (its parent closed), the first item takes it.
  useLayoutEffect(() => {
    const tree = treeRef.current;
    if (!tree || tree.querySelector('[role="treeitem"][tabindex="0"]')) return;
    const first = tree.querySelector<HTMLElement>('[role="treeitem"]');
    if (first?.dataset.unitId) setActiveId(first.dataset.unitId);
  });

  const state: TreeState = useMemo(() => ({ isExpanded, setExpanded, activeId, setActiveId }), [isExpanded, setExpanded, activeId]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const item = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!item || !treeRef.current) return;
    const command = commandFor(treeRef.current, item, e.key);
    if (!command) return;
    e.preventDefault();
    e.stopPropagation();
    const id = command.item.dataset.unitId;
    switch (command.kind) {
      case 'focus':
        if (id) setActiveId(id);
        command.item.focus();
        break;
      case 'expand':
        if (id) setExpanded(id, true);
        break;
      case 'collapse':
        if (id) setExpanded(id, false);
        break;
      case 'activate':
        if (command.item.dataset.action === 'more') command.item.click();
        else if (id) void navigate({ to: '/units/$unitId', params: { unitId: id } });
        break;
    }
  };

  if (roots.isPending) return <Loading label="Loading the organization…" />;
  if (roots.isError) return <ProblemAlert error={roots.error} title="Could not load the organization" />;
  if (roots.data.length === 0) return <Text c="dimmed">You do not have access to any unit yet. Ask an administrator for access.</Text>;

  return (
    <TreeContext.Provider value={state}>
      <ul role="tree" aria-label={label} className={classes.tree} ref={treeRef} onKeyDown={onKeyDown} data-testid="organization-tree">
        {roots.data.map((unit, i) => (
          <TreeNode key={unit.id} unit={unit} level={1} position={i + 1} setSize={roots.data.length} />
        ))}
      </ul>
    </TreeContext.Provider>
  );
}
