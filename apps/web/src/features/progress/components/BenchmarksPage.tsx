// A unit's benchmark assessments: start one for a period (with any instrument in use), open the ones in
// progress or submitted, and the unit's own ratings over periods as a table.
import { Badge, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { BENCHMARK_ASSESSMENT_STATUS_LABELS, BENCHMARK_DEFAULT_INSTRUMENT, type BenchmarkUnitTrendPoint, type UnitDetail } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { usePageTitle } from '../../../lib/usePageTitle';
import { Section } from '../../plans/components/Section';
import { assessmentsQuery, trendQuery, type AssessmentRecord } from '../api/progressQueries';
import { DistributionBar, RatingLegend, ScrollTable } from './Charts';
import { ProgressFrame } from './ProgressFrame';
import { WithUnit } from './WithUnit';
import { formatChange, formatMean, formatShare, periodLabel } from './labels';
import { StartAssessment } from './StartAssessment';
import { unitInstrumentsQuery } from '../api/instrumentQueries';

export function BenchmarksPage({ unitId, onOpen }: { unitId: string; onOpen: (a: AssessmentRecord) => void }) {
  return <WithUnit unitId={unitId}>{(access) => <Benchmarks {...access} onOpen={onOpen} />}</WithUnit>;
}

function Benchmarks({ unit, mayRecord, onOpen }: { unit: UnitDetail; mayRecord: boolean; onOpen: (a: AssessmentRecord) => void }) {
  usePageTitle(`Benchmarks · ${unit.name}`);
  const assessments = useQuery(assessmentsQuery(unit.id));
  const trend = useQuery(trendQuery(unit.id));
  const instruments = useQuery(unitInstrumentsQuery(unit.id));
  const instrumentName = (a: { instrumentId: string; instrumentVersion: string }) => instruments.data?.benchmark.find((i) => i.id === a.instrumentId && i.version === a.instrumentVersion)?.name ?? a.instrumentId;
  return (
    <ProgressFrame
      unit={unit}
      section="benchmarks"
      title={`Benchmarks: ${unit.name}`}
      description={`Rate each item of the ${BENCHMARK_DEFAULT_INSTRUMENT.name.toLowerCase()} as a team: not yet, planned, developing or fully in place, with the evidence it rests on. A submitted assessment is final and counts in the roll-ups above.`}
    >
      {mayRecord && (
        <Section id="start-heading" title="Assess a period">
          <StartAssessment unit={unit} onOpen={onOpen} />
        </Section>
      )}
      <Section id="assessments-heading" title="Assessments">
        {assessments.isPending ? (
          <Loading label="Loading the assessments…" />
        ) : assessments.isError ? (
          <ProblemAlert error={assessments.error} title="Could not load the assessments" />
        ) : assessments.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No benchmark assessment of {unit.name} yet.
          </Text>
        ) : (
          <ScrollTable minWidth={480} label="Benchmark assessments">
            <Table data-testid="assessment-list">
              <caption>
                <VisuallyHidden>Benchmark assessments of {unit.name}, newest period first</VisuallyHidden>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Period</Table.Th>
                  <Table.Th scope="col">Instrument</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Assessed by</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {assessments.data.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Th scope="row">
                      <AnchorLink to="/benchmark-assessments/$assessmentId" params={{ assessmentId: a.id }}>
                        {periodLabel(a.period)}
                      </AnchorLink>
                    </Table.Th>
                    <Table.Td>
                      {instrumentName(a)} ({a.instrumentVersion})
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={a.status === 'submitted' ? 'trellis' : 'gray'}>
                        {BENCHMARK_ASSESSMENT_STATUS_LABELS[a.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{a.assessors.map((p) => p.name).join(', ') || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>
      <Section id="trend-heading" title="Our ratings over time">
        <OwnTrend unitName={unit.name} trend={trend} />
      </Section>
    </ProgressFrame>
  );
}

export function OwnTrend({ unitName, trend }: { unitName: string; trend: UseQueryResult<BenchmarkUnitTrendPoint[]> }) {
  if (trend.isPending) return <Loading label="Loading the trend…" />;
  if (trend.isError) return <ProblemAlert error={trend.error} title="Could not load the trend" />;
  if (trend.data.length === 0) return <Text size="sm" c="dimmed">{unitName} has no submitted assessment yet; the trend starts with the first one.</Text>;
  const last = trend.data.at(-1)!;
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="own-trend-summary">
        In {last.period}, {unitName} averaged {formatMean(last.overall.mean)} of 3, with {formatShare(last.overall.fullyInPlaceShare)} of items fully in place
        {last.meanChange !== null ? ` (${formatChange(last.meanChange)} since the assessment before)` : ''}.
      </Text>
      <RatingLegend />
      <ScrollTable minWidth={520} label="Submitted ratings by period">
        <Table>
          <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>Submitted ratings by period</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Period</Table.Th>
              <Table.Th scope="col">Mean (0–3)</Table.Th>
              <Table.Th scope="col">Fully in place</Table.Th>
              <Table.Th scope="col">Change</Table.Th>
              <Table.Th scope="col" style={{ width: '30%' }}>
                Distribution
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trend.data.map((p) => (
              <Table.Tr key={p.period}>
                <Table.Th scope="row">{p.period}</Table.Th>
                <Table.Td>{formatMean(p.overall.mean, 2)}</Table.Td>
                <Table.Td>
                  {p.overall.counts.fully_in_place} ({formatShare(p.overall.fullyInPlaceShare)})
                </Table.Td>
                <Table.Td>{p.meanChange === null ? '—' : formatChange(p.meanChange)}</Table.Td>
                <Table.Td>
                  <Group gap={0}>
                    <DistributionBar distribution={p.overall} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}
