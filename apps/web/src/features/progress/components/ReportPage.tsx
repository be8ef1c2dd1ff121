// The progress report of a unit for a period, for the governing body: the same figures as the PDF
// (phase, mechanisms, plan progress, benchmarks, barriers, readiness, celebrations), on screen with
// "Download PDF".
import { Button, List, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { BENCHMARK_DEFAULT_INSTRUMENT, BENCHMARK_RATING_LABELS, BENCHMARK_RATINGS, UNIT_KIND_LABELS, type UnitDetail } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { plural } from '../../../lib/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { PhaseProgress } from '../../plans/components/PhaseProgress';
import { Section } from '../../plans/components/Section';
import { reportPdfPath, reportQuery, type ProgressReportRecord } from '../api/progressQueries';
import { DistributionBar, RatingLegend, ShareBar, ScrollTable } from './Charts';
import { PeriodPicker } from './PeriodPicker';
import { ReadinessTable } from './ProgressOverviewPage';
import { ProgressFrame } from './ProgressFrame';
import { WithUnit } from './WithUnit';
import { distributionWords, formatChange, formatDay, formatMean, formatShare, periodLabel } from './labels';

export function ReportPage({ unitId, period, onPeriod }: { unitId: string; period: string; onPeriod: (p: string) => void }) {
  return <WithUnit unitId={unitId}>{({ unit }) => <Report unit={unit} period={period} onPeriod={onPeriod} />}</WithUnit>;
}

function Report({ unit, period, onPeriod }: { unit: UnitDetail; period: string; onPeriod: (p: string) => void }) {
  usePageTitle(`Progress report ${period} · ${unit.name}`);
  const report = useQuery(reportQuery(unit.id, period));
  return (
    <ProgressFrame
      unit={unit}
      section="report"
      title={`Progress report: ${unit.name}`}
      description={`For ${periodLabel(period)}, for the governing body.`}
      actions={
        <>
          <PeriodPicker value={period} onChange={onPeriod} />
          <Button component="a" href={reportPdfPath(unit.id, period)} download variant="filled" style={{ alignSelf: 'flex-end' }}>
            Download PDF
          </Button>
        </>
      }
    >
      {report.isPending ? <Loading label="Preparing the report…" /> : report.isError ? <ProblemAlert error={report.error} title="Could not prepare the report" /> : <ReportBody r={report.data} />}
    </ProgressFrame>
  );
}

function ReportBody({ r }: { r: ProgressReportRecord }) {
  const b = r.barriers.summary;
  const last = r.benchmarks.trend.at(-1);
  const ru = r.benchmarks.rollUp;
  const level = ru ? UNIT_KIND_LABELS[ru.level].toLowerCase() : '';
  return (
    <Stack gap="lg" data-testid="progress-report">
      <Text size="sm" c="dimmed">
        {formatDay(r.periodStart)} to {formatDay(r.periodEnd)} · prepared {formatDay(r.generatedOn)}
      </Text>
      <Section id="r-phase" title="Phase">
        <Text size="sm">{r.phase ? `Phase ${r.phase.number}: ${r.phase.label} (the first phase of the unit’s plans with work still open).` : 'No phased plan tasks yet, so no phase is shown.'}</Text>
      </Section>
      <Section id="r-mechanisms" title="Mechanisms">
        {r.mechanisms.length === 0 ? (
          <Text size="sm">No mechanisms are established at this unit yet.</Text>
        ) : (
          <List size="sm">
            {r.mechanisms.map((m) => (
              <List.Item key={m.id}>
                {m.name}
                {m.kindLabel !== m.name ? ` (${m.kindLabel})` : ''} — {m.statusLabel.toLowerCase()}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section id="r-plans" title="Plan progress">
        {r.plans.plans.length === 0 ? (
          <Text size="sm">No plans at this unit yet.</Text>
        ) : (
          <Stack gap="sm">
            <List size="sm">
              {r.plans.plans.map((p) => (
                <List.Item key={p.id}>
                  {p.title} (version {p.planVersion}, {p.statusLabel.toLowerCase()}): {p.progress.overall.done} of {p.progress.overall.total} tasks done ({formatShare(p.progress.overall.share)})
                </List.Item>
              ))}
            </List>
            <PhaseProgress progress={r.plans.rollUp} />
            {r.plans.plansBelow > 0 && (
              <Text size="sm">
                With the {plural(r.plans.plansBelow, 'plan')} spawned below it: {r.plans.withPlansBelow.overall.done} of {r.plans.withPlansBelow.overall.total} tasks done ({formatShare(r.plans.withPlansBelow.overall.share)}).
              </Text>
            )}
          </Stack>
        )}
      </Section>
      <Section id="r-benchmarks" title="Benchmarks">
        <Stack gap="sm">
          <Text size="sm">
            {last
              ? `This unit, ${last.period}: mean ${formatMean(last.overall.mean, 2)} of 3; ${formatShare(last.overall.fullyInPlaceShare)} of items fully in place${last.meanChange !== null ? ` (${formatChange(last.meanChange)} since the assessment before)` : ''}.`
              : 'This unit has no submitted benchmark assessment yet.'}
          </Text>
          {ru && (
            <>
              <Text size="sm" data-testid="report-rollup">
                Across the {ru.current.unitsInScope} {level}s below: {ru.current.unitsAssessed} assessed, {ru.unitsBehind} behind. {ru.current.overall.rated === 0 ? 'No submitted ratings for this period yet.' : `${distributionWords(ru.current.overall)}.`}
                {ru.change.mean !== null ? ` The mean moved ${formatChange(ru.change.mean)} since the period before.` : ''}
              </Text>
              {ru.current.overall.rated > 0 && (
                <>
                  <RatingLegend />
                  <ScrollTable minWidth={520} label="Ratings by area">
                    <Table>
                      <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>Ratings of the {level}s below by area</caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">Area</Table.Th>
                          <Table.Th scope="col" style={{ width: '30%' }}>
                            Distribution
                          </Table.Th>
                          {BENCHMARK_RATINGS.map((k) => (
                            <Table.Th scope="col" key={k}>
                              {BENCHMARK_RATING_LABELS[k]}
                            </Table.Th>
                          ))}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {BENCHMARK_DEFAULT_INSTRUMENT.areas
                          .filter((a) => ru.current.areas[a.key])
                          .map((a) => (
                            <Table.Tr key={a.key}>
                              <Table.Th scope="row">{a.label}</Table.Th>
                              <Table.Td>
                                <DistributionBar distribution={ru.current.areas[a.key]!} />
                              </Table.Td>
                              {BENCHMARK_RATINGS.map((k) => (
                                <Table.Td key={k}>{ru.current.areas[a.key]!.counts[k]}</Table.Td>
                              ))}
                            </Table.Tr>
                          ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollTable>
                </>
              )}
            </>
          )}
          {r.benchmarks.trend.length > 1 && (
            <List size="sm" aria-label="This unit’s benchmark trend">
              {r.benchmarks.trend.map((p) => (
                <List.Item key={p.period}>
                  {p.period}: mean {formatMean(p.overall.mean, 2)}, {formatShare(p.overall.fullyInPlaceShare)} fully in place
                  <ShareBar share={p.overall.mean === null ? null : p.overall.mean / 3} />
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Section>
      <Section id="r-barriers" title="Barriers">
        <Text size="sm">
          Logged this period: {b.opened}. Resolved: {b.resolved}
          {b.medianDaysToResolution !== null ? ` (median ${plural(b.medianDaysToResolution, 'day')} to resolve)` : ''}. Dropped: {b.dropped}. Open now: {r.barriers.open}, of which {r.barriers.stale} need attention.
        </Text>
      </Section>
      <Section id="r-readiness" title="Readiness and commitment">
        {r.readiness.length === 0 ? <Text size="sm">No readiness survey has been answered yet.</Text> : <ReadinessTable rows={r.readiness} caption="Readiness over time" />}
      </Section>
      <Section id="r-celebrations" title="Celebrations">
        {r.celebrations.length === 0 ? (
          <Text size="sm">None recorded in this period.</Text>
        ) : (
          <List size="sm">
            {r.celebrations.map((c) => (
              <List.Item key={c.id}>
                {formatDay(c.celebratedOn)} — {c.title}
                {c.unitId !== r.unit.id ? ` (${c.unitName})` : ''}
              </List.Item>
            ))}
          </List>
        )}
        {r.proposedCelebrations > 0 && <Text size="sm" mt="xs">{plural(r.proposedCelebrations, 'milestone')} reached and waiting to be confirmed.</Text>}
      </Section>
    </Stack>
  );
}
