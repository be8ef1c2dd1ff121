// The schedule as a spreadsheet, and each facilitator's visits for their calendar.
import { Anchor, List, Stack, Text } from '@mantine/core';
import type { RolloutSchedule } from '@trellis/core';
import { facilitatorVisitsUrl, scenarioPath, scheduleCsvUrl } from '../api/rolloutQueries';

export function Downloads({ scenarioId, schedule }: { scenarioId: string; schedule: RolloutSchedule }) {
  return (
    <Stack gap="xs">
      <Anchor href={scheduleCsvUrl(scenarioId)} download data-testid="download-csv" fw={500}>
        Schedule of every school (CSV)
      </Anchor>
      <Anchor href={`${scenarioPath(scenarioId)}/schedule/export?format=xlsx`} download data-testid="download-xlsx" fw={500}>
        Schedule of every school (Excel, .xlsx)
      </Anchor>
      <Text size="sm" c="dimmed">
        Each facilitator’s schools and phases as a calendar file (iCalendar), to import into Outlook, Google Calendar or Apple Calendar:
      </Text>
      <List size="sm" spacing={4} data-testid="download-ics">
        {schedule.cadre.map((f) => (
          <List.Item key={f.facilitatorId}>
            <Anchor href={facilitatorVisitsUrl(scenarioId, f.facilitatorId)} download size="sm">
              {f.name}’s visits (.ics)
            </Anchor>{' '}
            <Text span size="sm" c="dimmed">
              — {f.siteCount} {f.siteCount === 1 ? 'school' : 'schools'}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
