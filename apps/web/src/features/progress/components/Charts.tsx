// Small charts drawn with plain boxes: each is decoration (hidden from screen readers) beside words
// or a table that carry the same figures, so nothing is only in the picture.
import type { ReactNode } from 'react';
import { Box, Group, Table, Text } from '@mantine/core';
import { BENCHMARK_RATING_LABELS, BENCHMARK_RATINGS, type BenchmarkDistribution } from '@trellis/core';
import { RATING_COLORS } from './labels';

/** One stacked bar of a distribution of ratings (not yet → fully in place, left to right). */
export function DistributionBar({ distribution, height = 14 }: { distribution: BenchmarkDistribution; height?: number }) {
  const total = distribution.rated;
  return (
    <Box aria-hidden style={{ display: 'flex', width: '100%', height, borderRadius: 4, overflow: 'hidden', background: '#f1f3f5', border: '1px solid #868e96' }}>
      {total > 0 &&
        BENCHMARK_RATINGS.map((r) =>
          distribution.counts[r] > 0 ? <span key={r} style={{ width: `${(distribution.counts[r] / total) * 100}%`, background: RATING_COLORS[r], display: 'block' }} /> : null,
        )}
    </Box>
  );
}

/** The key of the colours of DistributionBar. */
export function RatingLegend() {
  return (
    <Group gap="md" aria-hidden wrap="wrap">
      {BENCHMARK_RATINGS.map((r) => (
        <Group key={r} gap={6} wrap="nowrap">
          <span style={{ width: 12, height: 12, background: RATING_COLORS[r], border: '1px solid #495057', display: 'inline-block' }} />
          <Text size="xs">{BENCHMARK_RATING_LABELS[r]}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** A single horizontal bar for a share (0–1); null draws an empty track. */
export function ShareBar({ share, color = '#1f6b44' }: { share: number | null; color?: string }) {
  return (
    <Box aria-hidden style={{ width: '100%', height: 10, borderRadius: 4, background: '#f1f3f5', border: '1px solid #868e96', overflow: 'hidden' }}>
      {share !== null && share > 0 && <span style={{ display: 'block', height: '100%', width: `${Math.min(1, share) * 100}%`, background: color }} />}
    </Box>
  );
}

/**
 * A table that scrolls sideways on a narrow screen. The scrolling area takes keyboard focus and is
 * named, so that it can be scrolled without a mouse (WCAG 2.1.1).
 */
export function ScrollTable({ minWidth, label, children }: { minWidth: number; label: string; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': `${label} (scrolls sideways)` } }}>
      {children}
    </Table.ScrollContainer>
  );
}
