// A breadcrumb trail as the WAI-ARIA pattern describes it: a labelled nav with an ordered list,
// the current page marked with aria-current.
import type { ReactNode } from 'react';
import classes from './Breadcrumbs.module.css';

export interface Crumb {
  key: string;
  /** A link, or plain text when the reader may not open that level. */
  content: ReactNode;
}

export function Breadcrumbs({ crumbs, current }: { crumbs: Crumb[]; current: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb">
      <ol className={classes.list}>
        {crumbs.map((c) => (
          <li key={c.key} className={classes.item}>
            {c.content}
          </li>
        ))}
        <li className={classes.item} aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  );
}
