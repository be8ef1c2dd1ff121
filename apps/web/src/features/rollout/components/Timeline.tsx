// The schedule school by school: a timeline of months coloured by phase (each phase also numbered,
// some patterned), grouped by group of schools or by facilitator, with blackout months marked; or
// the same as a plain table of each school's phases. Fifty schools to a page.
import { useMemo, useState } from 'react';
import { Group, SegmentedControl, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { RolloutPhaseKind, RolloutSchedule } from '@trellis/core';
import { formatMonth, formatMonthRange, formatShortMonth, monthAbbreviation, PHASE_KIND_LABELS, yearDigits } from './labels';
import { phaseKeys, siteCells, timelineGroups, type GroupBy, type PhaseKey, type TimelineGroup, type TimelineRow } from './timeline';
import { TimelinePager } from './TimelinePager';
import classes from './Timeline.module.css';

export const TIMELINE_PAGE_SIZE = 50;

const KIND_CLASS: Record<RolloutPhaseKind, string> = {
  readiness: classes.readiness!,
  intensive: classes.intensive!,
  'cycling-back': classes.cycling!,
  institutionalization: classes.institutionalization!,
};

interface Props {
  schedule: RolloutSchedule;
  siteNames: Record<string, string>;
  phaseOrder: readonly string[];
  /** "Feeder pattern" or "District": what the schools are grouped in. */
  groupLabel: string;
}

export function Timeline({ schedule, siteNames, phaseOrder, groupLabel }: Props) {
  const [by, setBy] = useState<GroupBy>('subset');
  const [view, setView] = useState<'timeline' | 'table'>('timeline');
  const [page, setPage] = useState(0);
  const keys = useMemo(() => phaseKeys(schedule, phaseOrder), [schedule, phaseOrder]);
  const { groups, rows } = useMemo(() => timelineGroups(schedule, siteNames, by), [schedule, siteNames, by]);
  const pages = Math.max(1, Math.ceil(rows.length / TIMELINE_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * TIMELINE_PAGE_SIZE, (current + 1) * TIMELINE_PAGE_SIZE);
  const groupLabelLower = groupLabel.toLowerCase();
  const previousKey = current > 0 ? (rows[current * TIMELINE_PAGE_SIZE - 1]?.groupKey ?? null) : null;
  // The months the page's schools are at work (a long state-wide schedule would otherwise show
  // pages of empty months before the later groups start).
  const range = {
    from: Math.min(...shown.map((r) => r.site.startIndex)),
    to: Math.max(...shown.map((r) => r.site.institutionalizedIndex)),
  };
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to)) Object.assign(range, { from: 0, to: schedule.months.length - 1 });
  const subsetNames = useMemo(() => new Map(schedule.subsets.map((x) => [x.subsetId, x.name])), [schedule]);

  return (
    <Stack gap="sm">
      <Group gap="lg" wrap="wrap" align="flex-end">
        <div>
          <Text size="sm" fw={500} id="timeline-view-label" mb={4}>
            Show
          </Text>
          <SegmentedControl
            aria-labelledby="timeline-view-label"
            value={view}
            onChange={(v) => setView(v as typeof view)}
            data={[
              { value: 'timeline', label: 'Timeline' },
              { value: 'table', label: 'Table' },
            ]}
          />
        </div>
        <div>
          <Text size="sm" fw={500} id="timeline-group-label" mb={4}>
            Group schools by
          </Text>
          <SegmentedControl
            aria-labelledby="timeline-group-label"
            value={by}
            onChange={(v) => {
              setBy(v as GroupBy);
              setPage(0);
            }}
            data={[
              { value: 'subset', label: groupLabel },
              { value: 'facilitator', label: 'Facilitator' },
            ]}
          />
        </div>
      </Group>
      {view === 'timeline' ? (
        <>
          <Legend keys={keys} />
          {pages > 1 && (
            <Text size="sm" c="dimmed">
              Months {formatShortMonth(schedule.months[range.from])} to {formatShortMonth(schedule.months[range.to])}: while the schools on this page are at work.
            </Text>
          )}
          <div className={classes.scroller} role="region" aria-label="Timeline of schools by month (scrolls sideways)" tabIndex={0} data-testid="timeline">
            <TimelineGrid months={schedule.months.slice(range.from, range.to + 1)} blackout={schedule.blackout.slice(range.from, range.to + 1)} keys={keys} groups={groups} rows={shown} previousKey={previousKey} />
          </div>
        </>
      ) : (
        <ScheduleTable keys={keys} subsetNames={subsetNames} rows={shown} groupLabel={groupLabel} by={by} />
      )}
      <TimelinePager page={current} pages={pages} total={rows.length} pageSize={TIMELINE_PAGE_SIZE} onPage={setPage} label={`Pages of schools (${groupLabelLower}s in order of start)`} />
    </Stack>
  );
}

function Legend({ keys }: { keys: PhaseKey[] }) {
  return (
    <ul className={classes.legend} aria-label="Legend">
      {keys.map((k) => (
        <li key={k.name}>
          <span className={`${classes.swatch} ${KIND_CLASS[k.kind]}`} aria-hidden>
            {k.number}
          </span>
          {k.number}: {k.name} ({PHASE_KIND_LABELS[k.kind].toLowerCase()})
        </li>
      ))}
      <li>
        <span className={`${classes.swatch} ${classes.paused}`} aria-hidden />
        Hatched: blackout month (work paused; the month is marked “off”)
      </li>
    </ul>
  );
}

/** The page's rows in runs of one group each (a group may continue from the page before). */
function groupRuns(rows: TimelineRow[], groups: TimelineGroup[], previousKey: string | null) {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const runs: { group: TimelineGroup; continued: boolean; rows: TimelineRow[] }[] = [];
  for (const row of rows) {
    const run = runs.at(-1);
    if (run && run.group.key === row.groupKey) run.rows.push(row);
    else runs.push({ group: byKey.get(row.groupKey) ?? { key: row.groupKey, name: row.groupKey, detail: '' }, continued: runs.length === 0 && row.groupKey === previousKey, rows: [row] });
  }
  return runs;
}

interface GridProps {
  months: string[];
  blackout: boolean[];
  keys: PhaseKey[];
  groups: TimelineGroup[];
  rows: TimelineRow[];
  previousKey: string | null;
}

function TimelineGrid({ months, blackout, keys, groups, rows, previousKey }: GridProps) {
  const byName = useMemo(() => new Map(keys.map((k) => [k.name, k])), [keys]);
  return (
    <table className={classes.grid}>
      <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        Each school’s phase in each month from {formatMonth(months[0])} to {formatMonth(months.at(-1))}; cells show the phase number from the legend.
      </caption>
      <thead>
        <tr>
          <th scope="col" className={`${classes.rowHeader} ${classes.corner}`}>
            School
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
      {groupRuns(rows, groups, previousKey).map((run) => (
        <tbody key={run.group.key}>
          <tr className={classes.groupRow}>
            <th scope="rowgroup" colSpan={months.length + 1}>
              <span className={classes.groupLabel}>
                {run.group.name}
                {run.continued ? ' (continued)' : ''} <span className={classes.groupDetail}>· {run.group.detail}</span>
              </span>
            </th>
          </tr>
          {run.rows.map((row) => (
            <tr key={row.site.siteId}>
              <th scope="row" className={classes.rowHeader}>
                {row.name}
                {row.site.underWay ? ' (under way)' : ''}
              </th>
              {siteCells(row.site, months, blackout, byName).map((cell, i) =>
                cell === null ? (
                  <td key={i} className={classes.cell} data-blackout={blackout[i] ? '' : undefined} />
                ) : cell === 'paused' ? (
                  <td key={i} className={`${classes.cell} ${classes.paused}`}>
                    <VisuallyHidden>paused</VisuallyHidden>
                  </td>
                ) : (
                  <td key={i} className={`${classes.cell} ${KIND_CLASS[cell.phase.kind]}`}>
                    <span aria-hidden>{cell.phase.number}</span>
                    <VisuallyHidden>{cell.phase.name}</VisuallyHidden>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

function ScheduleTable({ keys, subsetNames, rows, groupLabel, by }: { keys: PhaseKey[]; subsetNames: ReadonlyMap<string, string>; rows: TimelineRow[]; groupLabel: string; by: GroupBy }) {
  return (
    <Table.ScrollContainer minWidth={720} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Each school’s phases (scrolls sideways)' } }}>
      <Table striped data-testid="schedule-table">
        <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600, paddingBottom: 4 }}>Each school’s phases, facilitator and months</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">School</Table.Th>
            <Table.Th scope="col">{by === 'subset' ? groupLabel : 'Facilitator'}</Table.Th>
            <Table.Th scope="col">{by === 'subset' ? 'Facilitator' : groupLabel}</Table.Th>
            {keys.map((k) => (
              <Table.Th scope="col" key={k.name}>
                {k.name}
              </Table.Th>
            ))}
            <Table.Th scope="col">Institutionalized after</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ site, name, facilitatorName }) => {
            const subsetName = subsetNames.get(site.subsetId) ?? '';
            return (
              <Table.Tr key={site.siteId}>
                <Table.Th scope="row" fw={500}>
                  {name}
                  {site.underWay ? ' (under way)' : ''}
                </Table.Th>
                <Table.Td>{by === 'subset' ? subsetName : facilitatorName}</Table.Td>
                <Table.Td>{by === 'subset' ? facilitatorName : subsetName}</Table.Td>
                {keys.map((k) => {
                  const p = site.phases.find((x) => x.phase === k.name);
                  return <Table.Td key={k.name}>{p ? formatMonthRange(p.start, p.end) : '—'}</Table.Td>;
                })}
                <Table.Td>{formatShortMonth(site.institutionalizedMonth)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
