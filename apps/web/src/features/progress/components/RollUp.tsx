// The roll-up of the units below a district or state for a period: how many are assessed, the
// distribution of ratings by area (a stacked bar each, with the counts in the same table row), the
// change since the period before, and the units behind, each a link to its own progress.
import { Group, List, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { UNIT_KIND_LABELS } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { plural } from '../../../lib/format';
import { BENCHMARK_DEFAULT_INSTRUMENT } from '@trellis/core';
import { rollUpQuery } from '../api/progressQueries';
import { DistributionBar, RatingLegend, ScrollTable } from './Charts';
import { distributionWords, formatChange, formatMean, formatShare } from './labels';

const kindPlural = (kind: string, n: number) => {
  const label = (UNIT_KIND_LABELS as Record<string, string>)[kind]?.toLowerCase() ?? kind.replace('_', ' ');
  return n === 1 ? label : `${label}s`;
};

export function RollUp({ unitId, period }: { unitId: string; period: string }) {
  const rollUp = useQuery(rollUpQuery(unitId, period));
  if (rollUp.isPending) return <Loading label="Loading the roll-up…" />;
  if (rollUp.isError) return <ProblemAlert error={rollUp.error} title="Could not load the roll-up" />;
  const r = rollUp.data;
  const c = r.current;
  const areas = BENCHMARK_DEFAULT_INSTRUMENT.areas.filter((a) => c.areas[a.key]);
  const units = kindPlural(r.level, c.unitsInScope);
  return (
    <Stack gap="sm" data-testid="rollup">
      <Text size="sm" data-testid="units-assessed">
        {c.unitsAssessed} of {c.unitsInScope} {units} assessed in {r.period}
        {r.change.unitsAssessed !== 0 ? ` (${r.change.unitsAssessed > 0 ? '+' : '−'}${Math.abs(r.change.unitsAssessed)} since ${r.previousPeriod})` : ` (as many as in ${r.previousPeriod})`}.
      </Text>
      {c.overall.rated > 0 ? (
        <Text size="sm" data-testid="rollup-summary">
          Across them the mean rating is {formatMean(c.overall.mean, 2)} of 3 and {formatShare(c.overall.fullyInPlaceShare)} of ratings are fully in place; the mean moved{' '}
          {formatChange(r.change.overall.mean)} since {r.previousPeriod}.
        </Text>
      ) : (
        <Text size="sm">No {kindPlural(r.level, 2)} below have a submitted assessment for {r.period} yet.</Text>
      )}
      {c.overall.rated > 0 && (
        <>
          <RatingLegend />
          <ScrollTable minWidth={600} label="Ratings by area">
            <Table data-testid="rollup-areas">
              <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>Ratings by area, {r.period}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Area</Table.Th>
                  <Table.Th scope="col" style={{ width: '28%' }}>
                    Distribution
                  </Table.Th>
                  <Table.Th scope="col">Ratings</Table.Th>
                  <Table.Th scope="col">Mean (0–3)</Table.Th>
                  <Table.Th scope="col">Change</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {areas.map((a) => (
                  <Table.Tr key={a.key}>
                    <Table.Th scope="row">{a.label}</Table.Th>
                    <Table.Td>
                      <DistributionBar distribution={c.areas[a.key]!} />
                    </Table.Td>
                    <Table.Td>{distributionWords(c.areas[a.key]!)}</Table.Td>
                    <Table.Td>{formatMean(c.areas[a.key]!.mean, 2)}</Table.Td>
                    <Table.Td>{r.change.areas[a.key]?.mean === null || r.change.areas[a.key] === undefined ? '—' : formatChange(r.change.areas[a.key]!.mean)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      )}
      <Text fw={600} size="sm" mt="xs" id="behind-heading">
        {r.unitsBehindTotal === 0 ? `No ${kindPlural(r.level, 2)} behind.` : `${plural(r.unitsBehindTotal, kindPlural(r.level, 1), kindPlural(r.level, 2))} behind (not assessed, or a mean below ${r.behindBelow})`}
      </Text>
      {r.unitsBehind.length > 0 && (
        <List size="sm" spacing={4} aria-labelledby="behind-heading" data-testid="units-behind">
          {r.unitsBehind.slice(0, 15).map((b) => (
            <List.Item key={b.unitId}>
              <Group gap={6} wrap="wrap">
                <AnchorLink to="/units/$unitId/progress" params={{ unitId: b.unitId }}>
                  {b.unitName}
                </AnchorLink>
                <Text span size="sm">
                  {b.reason === 'not_assessed' ? '— not assessed' : `— mean ${formatMean(b.mean, 2)}${b.previousMean !== null ? ` (was ${formatMean(b.previousMean, 2)})` : ''}`}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {r.unitsBehind.length > 15 && <Text size="sm">and {r.unitsBehindTotal - 15} more.</Text>}
    </Stack>
  );
}
