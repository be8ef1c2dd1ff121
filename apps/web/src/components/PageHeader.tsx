// The top of a page: its h1 (focused after navigation, see RouteFocus), an optional line under it,
// and the page's actions, which wrap under the title on a narrow screen.
import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';

interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  badges?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, description, badges, actions }: PageHeaderProps) {
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="lg">
      <Stack gap={4} style={{ minWidth: 0, flex: '1 1 20rem' }}>
        <Group gap="sm" align="center">
          <Title order={1} tabIndex={-1} data-page-heading style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {badges}
        </Group>
        {description && <Text c="dimmed">{description}</Text>}
      </Stack>
      {actions && (
        <Group gap="xs" wrap="wrap">
          {actions}
        </Group>
      )}
    </Group>
  );
}
