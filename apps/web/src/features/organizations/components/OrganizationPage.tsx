// The organization page: search for a unit, or browse the tree from the top you can see.
import { Paper, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../../../components/PageHeader';
import { usePageTitle } from '../../../lib/usePageTitle';
import { OrganizationTree } from './tree/OrganizationTree';
import { UnitSearch } from './UnitSearch';

export function OrganizationPage() {
  usePageTitle('Organization');
  return (
    <>
      <PageHeader title="Organization" description="The units you have access to, from the top of your reach down to each school." />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="find-heading">
          <Title order={2} id="find-heading" mb="sm">
            Search
          </Title>
          <UnitSearch />
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="tree-heading">
          <Title order={2} id="tree-heading">
            Browse the tree
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Arrow keys move through the tree and open or close units; Enter opens a unit’s page.
          </Text>
          <OrganizationTree label="Organization tree" />
        </Paper>
      </Stack>
    </>
  );
}
