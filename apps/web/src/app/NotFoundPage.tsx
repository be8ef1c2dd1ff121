import { Container } from '@mantine/core';
import { NotFoundMessage } from '../components/NotFoundMessage';
import { usePageTitle } from '../lib/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <Container size="md" py="md">
      <NotFoundMessage />
    </Container>
  );
}
