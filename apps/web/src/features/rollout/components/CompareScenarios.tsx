// "Compare with…": this scenario and another of the same unit side by side.
import { useState } from 'react';
import { NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { compareScenarios, type RolloutSchedule } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { scenarioQuery, unitScenariosQuery, type RolloutScenarioDetail, type RolloutSummary } from '../api/rolloutQueries';
import { formatLoad, formatMonth, formatMonths, formatPercent, formatYears } from './labels';

interface Props {
  scenario: RolloutScenarioDetail;
  schedule: RolloutSchedule;
  summary: RolloutSummary;
}

export function CompareScenarios({ scenario, schedule, summary }: Props) {
  const list = useQuery(unitScenariosQuery(scenario.unitId));
  const [otherId, setOtherId] = useState('');
  const other = useQuery({ ...scenarioQuery(otherId), enabled: otherId !== '' });
  const others = (list.data ?? []).filter((s) => s.id !== scenario.id && s.status === 'ready');

  let table = null;
  const result = other.data?.result;
  if (otherId !== '' && other.isPending) table = <Loading label="Loading the other scenario…" />;
  else if (other.isError) table = <ProblemAlert error={other.error} title="Could not load the other scenario" />;
  else if (other.data && !result) table = <Text c="dimmed">That scenario has no schedule yet.</Text>;
  else if (other.data && result) {
    const c = compareScenarios(schedule, result.schedule);
    const rows: { label: string; a: string; b: string }[] = [
      { label: 'Time to scale', a: `${formatMonths(c.monthsToScale.a)} (${formatYears(c.yearsToScale.a)})`, b: `${formatMonths(c.monthsToScale.b)} (${formatYears(c.yearsToScale.b)})` },
      { label: 'Reaches scale', a: formatMonth(c.scaleMonth.a), b: formatMonth(c.scaleMonth.b) },
      { label: 'Lower bound', a: formatMonths(c.lowerBoundMonths.a), b: formatMonths(c.lowerBoundMonths.b) },
      { label: 'Cadre', a: `${summary.cadreSize} (capacity ${formatLoad(schedule.totalCapacity)})`, b: `${result.summary.cadreSize} (capacity ${formatLoad(result.schedule.totalCapacity)})` },
      { label: 'Peak load', a: `${formatLoad(c.peakLoad.a)} (${formatPercent(c.peakUtilizationPercent.a)})`, b: `${formatLoad(c.peakLoad.b)} (${formatPercent(c.peakUtilizationPercent.b)})` },
      { label: 'First group starts', a: formatMonth(c.firstSubsetStart.a), b: formatMonth(c.firstSubsetStart.b) },
      { label: 'Last group starts', a: formatMonth(c.lastSubsetStart.a), b: formatMonth(c.lastSubsetStart.b) },
    ];
    table = (
      <Stack gap="xs">
        <Table.ScrollContainer minWidth={480}>
          <Table striped data-testid="compare-table">
            <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600, paddingBottom: 4 }}>
              {scenario.name} and {other.data.name} side by side
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Td />
                <Table.Th scope="col">{scenario.name} (this one)</Table.Th>
                <Table.Th scope="col">{other.data.name}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.label}>
                  <Table.Th scope="row">{r.label}</Table.Th>
                  <Table.Td>{r.a}</Table.Td>
                  <Table.Td>{r.b}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="sm" data-testid="compare-summary">
          {c.monthsToScale.change === 0
            ? `Both reach scale in ${formatMonth(c.scaleMonth.a)}.`
            : `${other.data.name} reaches scale ${formatMonths(Math.abs(c.monthsToScale.change))} ${c.monthsToScale.change < 0 ? 'earlier' : 'later'} than this one (${formatMonth(c.scaleMonth.b)} instead of ${formatMonth(c.scaleMonth.a)}).`}
        </Text>
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      {list.isError && <ProblemAlert error={list.error} title="Could not load the other scenarios" />}
      <NativeSelect
        label="Compare with…"
        description={others.length === 0 && list.isSuccess ? `No other computed scenario for ${scenario.unitName} yet.` : `Another computed scenario for ${scenario.unitName}.`}
        data={[{ value: '', label: list.isPending ? 'Loading…' : 'Choose a scenario' }, ...others.map((s) => ({ value: s.id, label: s.name }))]}
        value={otherId}
        onChange={(e) => setOtherId(e.currentTarget.value)}
        disabled={others.length === 0}
        maw="28rem"
      />
      {table}
    </Stack>
  );
}
