// How much each facilitator carries in each month, against their capacity: shaded when carrying
// some, dark and bold when full, with the figure in every cell.
import { Text, VisuallyHidden } from '@mantine/core';
import type { RolloutSchedule } from '@trellis/core';
import { formatLoad, formatMonth, monthAbbreviation, yearDigits } from './labels';
import classes from './Timeline.module.css';

function LoadCell({ load, capacity }: { load: number; capacity: number }) {
  const full = load >= capacity - 1e-9 && load > 0;
  return (
    <td className={`${classes.loadCell} ${load === 0 ? '' : full ? classes.loadFull : classes.loadSome}`}>
      {load === 0 ? (
        <>
          <span aria-hidden>·</span>
          <VisuallyHidden>none</VisuallyHidden>
        </>
      ) : (
        formatLoad(load)
      )}
      {full && <VisuallyHidden> (full)</VisuallyHidden>}
    </td>
  );
}

export function CadreLoad({ schedule }: { schedule: RolloutSchedule }) {
  const { months, blackout, cadre, totalLoad, totalCapacity } = schedule;
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        Site-load units carried each month (1 is a school at full load). Light cells carry some load; dark, bold cells are at capacity.
      </Text>
      <div className={classes.scroller} role="region" aria-label="Cadre load by month (scrolls sideways)" tabIndex={0} data-testid="cadre-load">
        <table className={classes.grid}>
          <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Load carried by each facilitator and the whole cadre in each month</caption>
          <thead>
            <tr>
              <th scope="col" className={`${classes.rowHeader} ${classes.corner}`}>
                Facilitator (capacity)
              </th>
              {months.map((m, i) => (
                <th key={m} scope="col" className={classes.monthHeader} data-blackout={blackout[i] ? '' : undefined}>
                  <VisuallyHidden>
                    {formatMonth(m)}
                    {blackout[i] ? ', blackout month' : ''}
                  </VisuallyHidden>
                  <span aria-hidden>
                    {monthAbbreviation(m)}
                    <br />
                    {yearDigits(m)}
                    {blackout[i] && <span className={classes.off}>off</span>}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cadre.map((f) => (
              <tr key={f.facilitatorId}>
                <th scope="row" className={classes.rowHeader}>
                  {f.name} ({formatLoad(f.capacity)})
                </th>
                {f.load.map((load, i) => (
                  <LoadCell key={i} load={load} capacity={f.capacity} />
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row" className={classes.rowHeader}>
                Whole cadre ({formatLoad(totalCapacity)})
              </th>
              {totalLoad.map((load, i) => (
                <LoadCell key={i} load={load} capacity={totalCapacity} />
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
