// The children of an open unit. Long lists render in pages of 100, with a "show more" item, so
// a district of thousands of schools stays quick to open.
import { useRef, useState } from 'react';
import type { Unit } from '@trellis/core';
import { formatNumber } from '../../../../lib/format';
import { TreeNode } from './TreeNode';
import classes from './OrganizationTree.module.css';

const PAGE = 100;

export function TreeGroup({ units, level }: { units: Unit[]; level: number }) {
  const [shown, setShown] = useState(PAGE);
  const rest = units.length - shown;
  const list = useRef<HTMLUListElement>(null);
  const showMore = () => {
    const firstNew = shown;
    setShown((n) => n + PAGE);
    // The "show more" item is replaced; focus moves to the first unit it revealed.
    requestAnimationFrame(() => (list.current?.children[firstNew] as HTMLElement | undefined)?.focus());
  };
  return (
    <ul role="group" className={classes.group} ref={list}>
      {units.slice(0, shown).map((unit, i) => (
        <TreeNode key={unit.id} unit={unit} level={level} position={i + 1} setSize={units.length} />
      ))}
      {rest > 0 && (
        <li
          role="treeitem"
          aria-level={level}
          tabIndex={-1}
          data-action="more"
          className={classes.item}
          onClick={showMore}
        >
          <div className={`${classes.row} ${classes.more}`} style={{ paddingInlineStart: `calc(${level - 1} * 1.25rem + 1.75rem)` }}>
            Show {formatNumber(Math.min(PAGE, rest))} more of {formatNumber(units.length)}
          </div>
        </li>
      )}
    </ul>
  );
}
