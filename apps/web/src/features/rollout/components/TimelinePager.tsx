// Previous / next through the schools of a long schedule, with where you are in words.
import { Button, Group, Text } from '@mantine/core';

interface Props {
  page: number;
  pages: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
  label: string;
}

export function TimelinePager({ page, pages, total, pageSize, onPage, label }: Props) {
  if (pages <= 1) return null;
  const from = page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <Group justify="space-between" component="nav" aria-label={label} gap="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        Schools {from}–{to} of {total} (page {page + 1} of {pages})
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={page === 0} onClick={() => onPage(page - 1)}>
          Previous schools
        </Button>
        <Button variant="default" size="xs" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
          Next schools
        </Button>
      </Group>
    </Group>
  );
}
