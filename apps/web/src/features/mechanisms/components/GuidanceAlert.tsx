// A warning from the documents' guidance (never a block): composition, cadence, an unusual link.
// Mantine's light orange puts an orange.9 title on orange.1, below the 4.5:1 WCAG AA asks of text,
// so the title takes the body's colour and a darker edge carries the warning.
import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';

const styles = { root: { borderInlineStart: '4px solid var(--mantine-color-orange-9)' }, title: { color: 'var(--mantine-color-text)' } };

export function GuidanceAlert({ title, children, testId, mb }: { title: string; children: ReactNode; testId?: string; mb?: string }) {
  return (
    <Alert color="orange" variant="light" title={title} styles={styles} data-testid={testId} mb={mb}>
      {children}
    </Alert>
  );
}
