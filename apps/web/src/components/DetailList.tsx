// Label–value pairs as a description list, laid out in columns that wrap on a phone.
import type { ReactNode } from 'react';
import classes from './DetailList.module.css';

export function DetailList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className={classes.list}>
      {items.map((item) => (
        <div key={item.label} className={classes.pair}>
          <dt className={classes.term}>{item.label}</dt>
          <dd className={classes.value}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
