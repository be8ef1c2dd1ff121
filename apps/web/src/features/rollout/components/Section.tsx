import type { ReactNode } from 'react';
import { Group, Paper, Title } from '@mantine/core';

/** A titled part of a page, named by its heading for landmarks navigation. */
export function Section({ id, title, actions, children, testId }: { id: string; title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id} data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb="sm" gap="sm">
        <Title order={2} id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
