// Previous / next through a long list, with where you are in words ("21–40 of 403").
import { Button, Group, Text } from '@mantine/core';
import { formatNumber } from '../../../lib/format';

interface PagerProps {
  offset: number;
  pageSize: number;
  shown: number;
  total: number;
  onOffset: (offset: number) => void;
  label: string;
}

export function Pager({ offset, pageSize, shown, total, onOffset, label }: PagerProps) {
  if (total <= pageSize && offset === 0) return null;
  return (
    <Group justify="space-between" mt="sm" component="nav" aria-label={label}>
      <Text size="sm" c="dimmed">
        {formatNumber(offset + 1)}–{formatNumber(offset + shown)} of {formatNumber(total)}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
          Previous
        </Button>
        <Button variant="default" size="xs" disabled={offset + shown >= total} onClick={() => onOffset(offset + pageSize)}>
          Next
        </Button>
      </Group>
    </Group>
  );
}
