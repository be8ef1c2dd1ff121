// The answer first: when the scenario reaches scale, how far that is from what no schedule can beat
// (the lower bound from the cadre's capacity and the phases), why, and what to watch out for.
import { Alert, List, Stack, Text } from '@mantine/core';
import type { RolloutSchedule } from '@trellis/core';
import { DetailList } from '../../../components/DetailList';
import type { RolloutSummary } from '../api/rolloutQueries';
import { formatLoad, formatMonth, formatMonths, formatPercent, formatYears } from './labels';

const BINDING: Record<RolloutSchedule['explanation']['binding'], string> = {
  capacity: 'the cadre’s capacity (the work divided by what the cadre carries a month)',
  path: 'the length of one school’s path through the phases',
  ramp: 'the cadre’s capacity, with the capacity that must stay idle while the first schools start and the last ones finish',
};

export function ScheduleHeadline({ schedule, summary, groupWord }: { schedule: RolloutSchedule; summary: RolloutSummary; groupWord: string }) {
  const e = schedule.explanation;
  return (
    <Stack gap="md" data-testid="schedule-headline">
      <Text size="xl" fw={700} data-testid="time-to-scale">
        Reaches scale in <span data-testid="months-to-scale">{schedule.monthsToScale}</span> months ({formatYears(schedule.yearsToScale)}), by{' '}
        {formatMonth(schedule.scaleMonth)}.
      </Text>
      <DetailList
        items={[
          { label: 'Lower bound', value: `${formatMonths(e.lowerBoundMonths)}, by ${formatMonth(e.lowerBoundMonth)}` },
          { label: 'Gap to the bound', value: e.gapMonths === 0 ? 'None: as fast as possible' : `${formatMonths(e.gapMonths)} (${formatPercent(e.gapPercent)})` },
          { label: 'Schools', value: `${summary.siteCount} in ${summary.subsetCount} ${summary.subsetCount === 1 ? groupWord : `${groupWord}s`}` },
          { label: 'Cadre', value: `${summary.cadreSize} ${summary.cadreSize === 1 ? 'facilitator' : 'facilitators'}, carrying ${formatLoad(schedule.totalCapacity)} a month` },
          { label: 'Peak load', value: `${formatLoad(schedule.peakLoad)} of ${formatLoad(schedule.totalCapacity)} (${formatPercent(schedule.peakUtilizationPercent)})` },
          { label: `First and last ${groupWord} start`, value: `${formatMonth(summary.firstSubsetStart)}; ${formatMonth(summary.lastSubsetStart)}` },
        ]}
      />
      <Text size="sm" data-testid="explanation">
        {e.summary} The bound that binds is {BINDING[e.binding]}.
      </Text>
      {schedule.warnings.length > 0 && (
        <Alert color="orange" variant="light" styles={{ title: { color: '#7c2d12' } }} title={schedule.warnings.length === 1 ? 'Warning' : 'Warnings'} data-testid="schedule-warnings">
          <List size="sm">
            {schedule.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
