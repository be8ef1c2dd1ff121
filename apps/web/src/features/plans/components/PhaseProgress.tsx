// Progress by phase: one bar per phase that holds tasks, each with its figures in words beside it
// (the bar is decoration; the words are what a screen reader and a printout carry).
import { Progress, Stack, Text } from '@mantine/core';
import type { PlanProgress } from '@trellis/core';
import { bucketLabel, countWords, usedBuckets } from './labels';

export function PhaseProgress({ progress, compact = false }: { progress: PlanProgress; compact?: boolean }) {
  const buckets = usedBuckets(progress.byPhase);
  if (progress.overall.total === 0) return <Text size="sm" c="dimmed">No tasks yet.</Text>;
  return (
    <Stack gap={compact ? 4 : 'xs'} data-testid="phase-progress">
      <Text size="sm" fw={500}>
        Overall: {countWords(progress.overall)}
      </Text>
      {buckets.map((b) => {
        const c = progress.byPhase[b];
        return (
          <div key={b}>
            <Text size="sm">
              {bucketLabel(b)}: {countWords(c)}
            </Text>
            <Progress value={Math.round((c.share ?? 0) * 100)} size={compact ? 'sm' : 'md'} aria-hidden />
          </div>
        );
      })}
    </Stack>
  );
}
