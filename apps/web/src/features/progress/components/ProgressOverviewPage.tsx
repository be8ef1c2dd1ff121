// A unit's progress at a glance for a period: its phase, mechanisms, plan progress by phase, its
// benchmark ratings over time (and for a district or state, the roll-up of its schools), open and
// stale barriers, the readiness trend under the five-answer floor, and celebrations proposed and
// confirmed. Built on the progress report of the period plus the specific lists.
import { Group, List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { BARRIER_CATEGORY_LABELS, type UnitDetail } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { plural } from '../../../lib/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { PhaseProgress } from '../../plans/components/PhaseProgress';
import { Section } from '../../plans/components/Section';
import { barriersQuery, celebrationsQuery, reportQuery, trendQuery, type ProgressReportRecord } from '../api/progressQueries';
import { OwnTrend } from './BenchmarksPage';
import { ShareBar, ScrollTable } from './Charts';
import { PeriodPicker } from './PeriodPicker';
import { ProgressFrame } from './ProgressFrame';
import { RollUp } from './RollUp';
import { WithUnit } from './WithUnit';
import { formatChange, formatDay, formatMean, periodLabel, staleWords, FLOOR_WORDS } from './labels';

export const hasUnitsBelow = (kind: string) => kind !== 'school' && kind !== 'department';

export function ProgressOverviewPage({ unitId, period, onPeriod }: { unitId: string; period: string; onPeriod: (p: string) => void }) {
  return <WithUnit unitId={unitId}>{({ unit }) => <Overview unit={unit} period={period} onPeriod={onPeriod} />}</WithUnit>;
}

function Overview({ unit, period, onPeriod }: { unit: UnitDetail; period: string; onPeriod: (p: string) => void }) {
  usePageTitle(`Progress · ${unit.name}`);
  const report = useQuery(reportQuery(unit.id, period));
  const trend = useQuery(trendQuery(unit.id));
  return (
    <ProgressFrame
      unit={unit}
      section="overview"
      title={`Progress: ${unit.name}`}
      description={`Where ${unit.name} stands in ${periodLabel(period)}: phase, mechanisms, plans, benchmarks, barriers, readiness and celebrations.`}
      actions={<PeriodPicker value={period} onChange={onPeriod} />}
    >
      {report.isPending ? (
        <Loading label="Loading the progress report…" />
      ) : report.isError ? (
        <ProblemAlert error={report.error} title="Could not load the progress of this unit" />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <PhaseAndMechanisms r={report.data} />
            <Section id="plans-heading" title="Plan progress by phase">
              <PlanSummary r={report.data} />
            </Section>
          </SimpleGrid>
          <Section id="benchmarks-heading" title="Benchmarks">
            <Stack gap="md">
              <OwnTrend unitName={unit.name} trend={trend} />
              {hasUnitsBelow(unit.kind) && (
                <>
                  <Text fw={600}>The units below, {period}</Text>
                  <RollUp unitId={unit.id} period={period} />
                </>
              )}
              <AnchorLink to="/units/$unitId/progress/benchmarks" params={{ unitId: unit.id }}>
                Benchmark assessments of {unit.name}
              </AnchorLink>
            </Stack>
          </Section>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Section id="barriers-heading" title="Barriers">
              <Barriers unit={unit} r={report.data} />
            </Section>
            <Section id="readiness-heading" title="Readiness and commitment">
              <ReadinessSummary unitId={unit.id} r={report.data} />
            </Section>
          </SimpleGrid>
          <Section id="celebrations-heading" title="Celebrations">
            <CelebrationSummary unit={unit} r={report.data} />
          </Section>
          <Group>
            <AnchorLink to="/units/$unitId/progress/report" params={{ unitId: unit.id }} search={{ period }}>
              The progress report for {period}, to print or download
            </AnchorLink>
          </Group>
        </>
      )}
    </ProgressFrame>
  );
}

function PhaseAndMechanisms({ r }: { r: ProgressReportRecord }) {
  return (
    <Section id="phase-heading" title="Phase and mechanisms">
      <Stack gap="sm">
        <Text size="sm" data-testid="phase">
          {r.phase ? `Phase ${r.phase.number}: ${r.phase.label} — the first phase of the unit’s plans with work still open.` : 'No phased plan tasks yet, so no phase is shown.'}
        </Text>
        {r.mechanisms.length === 0 ? (
          <Text size="sm" c="dimmed">
            No mechanisms are established at this unit yet.
          </Text>
        ) : (
          <List size="sm" spacing={4} aria-label="Mechanisms">
            {r.mechanisms.map((m) => (
              <List.Item key={m.id}>
                <AnchorLink to="/mechanisms/$mechanismId" params={{ mechanismId: m.id }}>
                  {m.name}
                </AnchorLink>
                {m.kindLabel !== m.name ? ` (${m.kindLabel})` : ''} — {m.statusLabel.toLowerCase()}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Section>
  );
}

function PlanSummary({ r }: { r: ProgressReportRecord }) {
  if (r.plans.plans.length === 0) return <Text size="sm" c="dimmed">No plans at this unit yet.</Text>;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {plural(r.plans.plans.length, 'plan')} at this unit
        {r.plans.plansBelow > 0 ? `; with the ${plural(r.plans.plansBelow, 'plan')} spawned below, ${r.plans.withPlansBelow.overall.done} of ${r.plans.withPlansBelow.overall.total} tasks are done` : ''}.
      </Text>
      <PhaseProgress progress={r.plans.rollUp} />
    </Stack>
  );
}

function Barriers({ unit, r }: { unit: UnitDetail; r: ProgressReportRecord }) {
  const barriers = useQuery(barriersQuery(unit.id, true));
  const open = (barriers.data ?? []).filter((b) => b.status === 'open' || b.status === 'in_progress');
  const s = r.barriers.summary;
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="barrier-summary">
        {plural(r.barriers.open, 'barrier')} open here and below, {r.barriers.stale} needing attention. In {r.period}: {s.opened} logged, {s.resolved} resolved
        {s.medianDaysToResolution !== null ? ` (median ${plural(s.medianDaysToResolution, 'day')} to resolve)` : ''}, {s.dropped} dropped.
      </Text>
      {barriers.isPending ? (
        <Loading />
      ) : barriers.isError ? (
        <ProblemAlert error={barriers.error} title="Could not load the barriers" />
      ) : (
        open.length > 0 && (
          <List size="sm" spacing={6} aria-label="Open barriers">
            {open.slice(0, 6).map((b) => (
              <List.Item key={b.id}>
                <Text span size="sm" fw={500}>
                  {BARRIER_CATEGORY_LABELS[b.category]}
                </Text>
                {b.unitId !== unit.id ? ` at ${b.unitName}` : ''}: {b.description}{' '}
                {b.staleness.stale && (
                  <Text span size="sm" fw={600} c="#8a3a00">
                    Needs attention: {staleWords(b.staleness)}.
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )
      )}
      <AnchorLink to="/units/$unitId/progress/barriers" params={{ unitId: unit.id }}>
        All barriers{open.length > 6 ? ` (${open.length} open)` : ''}
      </AnchorLink>
    </Stack>
  );
}

export function ReadinessTable({ rows, caption }: { rows: ProgressReportRecord['readiness']; caption: string }) {
  return (
    <ScrollTable minWidth={420} label={caption}>
      <Table data-testid="readiness-trend">
        <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Period</Table.Th>
            <Table.Th scope="col">Answered</Table.Th>
            <Table.Th scope="col">Mean (1–5)</Table.Th>
            <Table.Th scope="col" style={{ width: '30%' }}>
              <span aria-hidden>Chart</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr key={p.period}>
              <Table.Th scope="row">{p.period}</Table.Th>
              <Table.Td>{p.respondents}</Table.Td>
              <Table.Td>
                {p.status === 'withheld' ? `Shown once ${FLOOR_WORDS} have answered` : `${formatMean(p.mean, 2)}${p.meanChange !== null ? ` (${formatChange(p.meanChange)})` : ''}`}
              </Table.Td>
              <Table.Td>{p.status === 'shown' && <ShareBar share={p.mean === null ? null : (p.mean - 1) / 4} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function ReadinessSummary({ unitId, r }: { unitId: string; r: ProgressReportRecord }) {
  const last = r.readiness.at(-1);
  return (
    <Stack gap="sm">
      {!last ? (
        <Text size="sm" c="dimmed">
          No readiness survey has been answered yet.
        </Text>
      ) : (
        <>
          <Text size="sm" data-testid="readiness-summary">
            {last.status === 'withheld'
              ? `${plural(last.respondents, 'person has', 'people have')} answered the ${last.period} survey; results are shown once ${FLOOR_WORDS} have answered, so that no one’s answers can be singled out.`
              : `${last.respondents} answered the ${last.period} survey; the mean agreement is ${formatMean(last.mean, 2)} on a scale of 1 to 5${last.meanChange !== null ? ` (${formatChange(last.meanChange)} since the survey before)` : ''}.`}
          </Text>
          <ReadinessTable rows={r.readiness} caption="Readiness over time" />
        </>
      )}
      <AnchorLink to="/units/$unitId/progress/readiness" params={{ unitId }}>
        Readiness surveys
      </AnchorLink>
    </Stack>
  );
}

function CelebrationSummary({ unit, r }: { unit: UnitDetail; r: ProgressReportRecord }) {
  const feed = useQuery(celebrationsQuery(unit.id, false));
  const proposed = feed.data?.proposed ?? [];
  return (
    <Stack gap="sm">
      {r.celebrations.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing celebrated in {r.period} yet.
        </Text>
      ) : (
        <List size="sm" spacing={4} aria-label={`Celebrated in ${r.period}`}>
          {r.celebrations.map((c) => (
            <List.Item key={c.id}>
              {formatDay(c.celebratedOn)} — {c.title}
              {c.unitId !== unit.id ? ` (${c.unitName})` : ''}
            </List.Item>
          ))}
        </List>
      )}
      {proposed.length > 0 && (
        <Text size="sm" data-testid="proposed-summary">
          {plural(proposed.length, 'milestone')} reached and waiting for a leader to confirm: {proposed.slice(0, 3).map((p) => p.title).join('; ')}
          {proposed.length > 3 ? '…' : ''}
        </Text>
      )}
      <AnchorLink to="/units/$unitId/progress/celebrations" params={{ unitId: unit.id }}>
        Celebrations
      </AnchorLink>
    </Stack>
  );
}

