// Shown when a page cannot load at all, e.g. its code chunk failed after a deploy.
import { Button, Stack, Text, Title } from '@mantine/core';
import { describeError } from '../lib/problem';

export function RouteError({ error }: { error: unknown }) {
  return (
    <Stack gap="sm" p="lg" role="alert">
      <Title order={1}>This page could not load</Title>
      <Text>{describeError(error)}</Text>
      <Button variant="default" w="fit-content" onClick={() => window.location.reload()}>
        Reload the page
      </Button>
    </Stack>
  );
}
