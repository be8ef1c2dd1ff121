// One unit in the tree: its row (toggle, name linking to the unit page, kind and size) and, when
// open, its children, fetched on first opening.
import type { MouseEvent } from 'react';
import { Loader } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { UNIT_KIND_LABELS, type Unit } from '@trellis/core';
import { plural } from '../../../../lib/format';
import { childrenQuery } from '../../api/unitQueries';
import { TreeGroup } from './TreeGroup';
import { treeItemId, useTree } from './treeContext';
import classes from './OrganizationTree.module.css';

interface TreeNodeProps {
  unit: Unit;
  level: number;
  position: number;
  setSize: number;
}

export function TreeNode({ unit, level, position, setSize }: TreeNodeProps) {
  const tree = useTree();
  const expandable = unit.childCount > 0;
  const open = expandable && tree.isExpanded(unit.id);
  const children = useQuery({ ...childrenQuery(unit.id), enabled: open });
  const id = treeItemId(unit.id);

  const focusSelf = (e: MouseEvent) => {
    const item = (e.currentTarget as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    tree.setActiveId(unit.id);
    item?.focus();
  };

  return (
    <li
      role="treeitem"
      id={id}
      data-unit-id={unit.id}
      data-name={unit.name}
      aria-level={level}
      aria-posinset={position}
      aria-setsize={setSize}
      aria-expanded={expandable ? open : undefined}
      aria-labelledby={`${id}-name`}
      aria-describedby={`${id}-meta`}
      aria-busy={open && children.isPending ? true : undefined}
      tabIndex={tree.activeId === unit.id ? 0 : -1}
      className={classes.item}
      onFocus={(e) => {
        if (e.target === e.currentTarget) tree.setActiveId(unit.id);
      }}
    >
      <div className={classes.row} style={{ paddingInlineStart: `calc(${level - 1} * 1.25rem + 0.25rem)` }} onClick={focusSelf}>
        <span
          className={classes.toggle}
          aria-hidden="true"
          data-expandable={expandable || undefined}
          onClick={(e) => {
            if (!expandable) return;
            e.stopPropagation();
            focusSelf(e);
            tree.setExpanded(unit.id, !open);
          }}
        >
          {expandable ? (open ? '▾' : '▸') : '•'}
        </span>
        <span className={classes.label}>
          <Link to="/units/$unitId" params={{ unitId: unit.id }} tabIndex={-1} id={`${id}-name`} className={classes.name} onClick={(e) => e.stopPropagation()}>
            {unit.name}
          </Link>
          <span id={`${id}-meta`} className={classes.meta}>
            {UNIT_KIND_LABELS[unit.kind]}
            {expandable ? `, ${plural(unit.childCount, 'unit')}` : ''}
          </span>
          {open && children.isPending && <Loader size={14} aria-hidden className={classes.loader} />}
          {open && children.isError && <span className={classes.error}>Could not load its units</span>}
        </span>
      </div>
      {open && children.data && <TreeGroup units={children.data} level={level + 1} />}
    </li>
  );
}
