// The plan as a timeline: tasks with a start or due day as bars from start to due, grouped by
// phase, today marked. The chart is a picture for sighted readers; the same facts are in the table
// under it (the text alternative), which is also what a phone shows best.
import { Group, Stack, Table, Text } from '@mantine/core';
import { PLAN_PROGRESS_BUCKETS, TASK_STATUS_LABELS, type PlanProgressBucket } from '@trellis/core';
import type { OutlineTask, PlanDetail } from '../api/planQueries';
import { bucketLabel, formatDay, todayIso, whoWords } from './labels';
import classes from './PlanTimeline.module.css';

const DAY = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const monthFmt = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

interface Bar {
  task: OutlineTask;
  from: number;
  to: number;
}

/** The phase a task shows under: its own, else its nearest ancestor's. */
function bucketsOf(tasks: OutlineTask[]): Map<string, PlanProgressBucket> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const out = new Map<string, PlanProgressBucket>();
  for (const t of tasks) {
    let at: OutlineTask | undefined = t;
    const seen = new Set<string>();
    while (at && !at.phase && at.parentId && !seen.has(at.id)) {
      seen.add(at.id);
      at = byId.get(at.parentId);
    }
    out.set(t.id, at?.phase ?? 'unphased');
  }
  return out;
}

export function PlanTimeline({ plan }: { plan: PlanDetail }) {
  const dated = plan.tasks.filter((t) => t.startOn || t.dueOn);
  const today = todayIso();
  if (dated.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="timeline-empty">
        No task has a start or due date yet. Give tasks a WHEN to see them on the timeline.
      </Text>
    );
  }
  const buckets = bucketsOf(plan.tasks);
  const bars: Bar[] = dated.map((t) => {
    const a = toDay((t.startOn ?? t.dueOn)!);
    const b = toDay((t.dueOn ?? t.startOn)!);
    return { task: t, from: a, to: Math.max(a, b) };
  });
  const todayDay = toDay(today);
  let min = Math.min(...bars.map((b) => b.from), todayDay);
  let max = Math.max(...bars.map((b) => b.to), todayDay);
  min -= 7;
  max += 7;
  const span = Math.max(1, max - min);
  const pct = (d: number) => `${((d - min) / span) * 100}%`;
  // Month ticks, thinned so at most about eight show.
  const ticks: { at: number; label: string }[] = [];
  const start = new Date(min * DAY);
  for (let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)); d.getTime() / DAY <= max; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    ticks.push({ at: d.getTime() / DAY, label: monthFmt.format(d) });
  }
  const step = Math.max(1, Math.ceil(ticks.length / 8));
  const groups = PLAN_PROGRESS_BUCKETS.map((b) => ({ bucket: b, bars: bars.filter((x) => buckets.get(x.task.id) === b) })).filter((g) => g.bars.length > 0);
  const undated = plan.tasks.length - dated.length;

  return (
    <Stack gap="md">
      <Text size="sm" id="timeline-summary">
        {dated.length} task{dated.length === 1 ? '' : 's'} with dates, from {formatDay(new Date((min + 7) * DAY).toISOString().slice(0, 10))} to{' '}
        {formatDay(new Date((max - 7) * DAY).toISOString().slice(0, 10))}; today is {formatDay(today)}.
        {undated ? ` ${undated} task${undated === 1 ? ' has' : 's have'} no dates and ${undated === 1 ? 'is' : 'are'} not shown.` : ''} The table below gives the same dates.
      </Text>
      <div className={classes.chart} role="img" aria-label={`Timeline of ${dated.length} tasks by phase, today marked. The table below lists the same dates.`} data-testid="timeline-chart">
        <div className={classes.inner} style={{ ['--label-width' as string]: 'clamp(6rem, 30%, 14rem)' }}>
          <div className={classes.axis}>
            {ticks
              .filter((_, i) => i % step === 0)
              .map((t) => (
                <span key={t.at} className={classes.tick} style={{ left: pct(t.at) }}>
                  {t.label}
                </span>
              ))}
          </div>
          {groups.map((g) => (
            <div key={g.bucket}>
              <div className={classes.phase}>{bucketLabel(g.bucket)}</div>
              {g.bars.map((b) => (
                <div key={b.task.id} className={classes.row}>
                  <div className={classes.label} title={`${b.task.number} ${b.task.title}`}>
                    {b.task.number} {b.task.title}
                  </div>
                  <div className={classes.track}>
                    <div
                      className={classes.bar}
                      data-status={b.task.status}
                      style={{ left: pct(b.from), width: `max(0.5rem, ${((b.to - b.from + 1) / span) * 100}%)` }}
                      title={`${b.task.title}: ${b.task.startOn ? formatDay(b.task.startOn) : '…'} to ${b.task.dueOn ? formatDay(b.task.dueOn) : '…'}`}
                    />
                    <div className={classes.today} style={{ left: pct(todayDay) }} />
                  </div>
                </div>
              ))}
            </div>
          ))}
          <div className={classes.todayLabel} style={{ left: `calc(var(--label-width) + (100% - var(--label-width)) * ${(todayDay - min) / span})` }}>
            Today
          </div>
        </div>
      </div>
      <Group gap="md">
        <Text size="xs">Bars: blue not started, green under way, gray done, red blocked. The red line is today.</Text>
      </Group>
      <div role="region" aria-label="Timeline table (scrolls sideways)" tabIndex={0} style={{ overflowX: 'auto' }}>
        <Table striped withTableBorder data-testid="timeline-table" miw={560}>
          <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600, paddingBottom: 'var(--mantine-spacing-xs)' }}>The timeline as a table, by phase</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Task</Table.Th>
              <Table.Th scope="col">Start</Table.Th>
              <Table.Th scope="col">Due</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">WHO</Table.Th>
            </Table.Tr>
          </Table.Thead>
          {groups.map((g) => (
            <Table.Tbody key={g.bucket}>
              <Table.Tr>
                <Table.Th scope="colgroup" colSpan={5}>
                  {bucketLabel(g.bucket)}
                </Table.Th>
              </Table.Tr>
              {g.bars.map((b) => (
                <Table.Tr key={b.task.id}>
                  <Table.Th scope="row" fw={400}>
                    {b.task.number} {b.task.title}
                  </Table.Th>
                  <Table.Td>{formatDay(b.task.startOn) || '—'}</Table.Td>
                  <Table.Td>
                    {formatDay(b.task.dueOn) || '—'}
                    {b.task.overdue ? ' (overdue)' : ''}
                  </Table.Td>
                  <Table.Td>{TASK_STATUS_LABELS[b.task.status]}</Table.Td>
                  <Table.Td>{whoWords(b.task) || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          ))}
        </Table>
      </div>
    </Stack>
  );
}
