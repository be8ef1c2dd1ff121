// What a page shows for a 404: the thing does not exist, or it is outside the reader's access.
import { Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from './AnchorLink';

export function NotFoundMessage({ what = 'page' }: { what?: string }) {
  return (
    <Stack gap="sm" py="lg" data-testid="not-found">
      <Title order={1} tabIndex={-1} data-page-heading>
        Not found
      </Title>
      <Text>
        This {what} does not exist, or it is outside the units you have access to. If you think you should see it, ask an administrator
        of its district or state for access.
      </Text>
      <AnchorLink to="/organization">
        Go to the organization tree
      </AnchorLink>
    </Stack>
  );
}
