import type { ReactNode } from 'react';
import { Paper, Title } from '@mantine/core';

/** A titled section of a plan page: a region named by its heading. */
export function Section({ id, title, children, testId }: { id: string; title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id} data-testid={testId}>
      <Title order={2} id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
