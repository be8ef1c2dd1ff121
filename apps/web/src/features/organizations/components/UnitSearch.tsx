// Find a unit by name, NCES id or state id. Results are links to unit pages; how many were found
// is announced to screen readers once typing pauses.
import { useState } from 'react';
import { Badge, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { UNIT_KIND_LABELS } from '@trellis/core';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { plural } from '../../../lib/format';
import { unitSearchQuery } from '../api/unitQueries';
import classes from './UnitSearch.module.css';
import { AnchorLink } from '../../../components/AnchorLink';

export function UnitSearch() {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const results = useQuery(unitSearchQuery(q));
  const status = q === '' ? '' : results.isFetching ? 'Searching…' : results.data ? `${plural(results.data.length, 'unit')} found${results.data.length === 25 ? ' (showing the first 25; type more to narrow)' : ''}` : '';

  return (
    <Stack gap="sm">
      <TextInput
        type="search"
        label="Find a unit"
        description="By name, NCES id or state id"
        placeholder="e.g. Lincoln Elementary or 990000700005"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        data-testid="unit-search"
      />
      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        {status}
      </Text>
      {results.isError && <ProblemAlert error={results.error} title="Search failed" />}
      {q !== '' && results.data && results.data.length > 0 && (
        <Paper withBorder radius="md">
          <ul id="unit-search-results" aria-label="Search results" className={classes.results} data-testid="unit-search-results">
            {results.data.map((unit) => (
              <li key={unit.id} className={classes.result}>
                <Group gap="xs" wrap="wrap" justify="space-between">
                  <AnchorLink to="/units/$unitId" params={{ unitId: unit.id }} fw={500}>
                    {unit.name}
                  </AnchorLink>
                  <Group gap="xs">
                    <Badge variant="light" color="gray" size="sm">
                      {UNIT_KIND_LABELS[unit.kind]}
                    </Badge>
                    {unit.ncesId && (
                      <Text size="sm" c="dimmed" ff="monospace">
                        NCES {unit.ncesId}
                      </Text>
                    )}
                    {unit.archived && (
                      <Badge variant="outline" color="gray" size="sm">
                        Archived
                      </Badge>
                    )}
                  </Group>
                </Group>
              </li>
            ))}
          </ul>
        </Paper>
      )}
    </Stack>
  );
}
