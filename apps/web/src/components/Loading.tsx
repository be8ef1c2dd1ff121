import { Group, Loader, Text } from '@mantine/core';

/** A spinner with words, announced politely to screen readers. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Group gap="xs" py="sm" role="status">
      <Loader size="sm" aria-hidden />
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}
