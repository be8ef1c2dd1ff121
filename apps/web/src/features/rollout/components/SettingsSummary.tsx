// A scenario's settings to read: for viewers, and for an adopted scenario (its settings are the
// record of what was decided and no longer change).
import { Table, Text } from '@mantine/core';
import type { RolloutSettings } from '@trellis/core';
import { DetailList } from '../../../components/DetailList';
import { formatLoad, formatMonth, MONTHS, PHASE_KIND_LABELS, PRIORITY_KEY_LABELS } from './labels';

export function SettingsSummary({ settings, subsetNames }: { settings: RolloutSettings; subsetNames: Record<string, string> }) {
  const { cadre, priority, constraints } = settings;
  const cadreText =
    'count' in cadre
      ? `${cadre.count} ${cadre.count === 1 ? 'facilitator' : 'facilitators'}, each carrying ${formatLoad(cadre.capacity)} sites at full load`
      : cadre.facilitators.map((f) => `${f.name} (${formatLoad(f.capacity)}${f.region ? `, ${f.region}` : ''})`).join('; ');
  const priorityText =
    'by' in priority
      ? priority.by.length === 0
        ? 'As listed'
        : priority.by.map((k) => PRIORITY_KEY_LABELS[k]).join(', then ')
      : priority.order.map((id) => subsetNames[id] ?? id).join(', then ');
  return (
    <>
      <DetailList
        items={[
          { label: 'Start month', value: formatMonth(settings.startMonth) },
          { label: 'Cadre', value: cadreText },
          { label: 'Blackout months', value: settings.blackoutMonths.length === 0 ? 'None' : settings.blackoutMonths.map((m) => MONTHS[m - 1]?.name).join(', ') },
          { label: 'Priority', value: priorityText },
          {
            label: 'Constraints',
            value: [constraints.subsetStartsTogether ? 'A group starts together' : 'A group may start school by school', constraints.keepFacilitatorOfSitesUnderWay ? 'schools under way keep their facilitator' : 'schools under way may change facilitator'].join('; '),
          },
        ]}
      />
      <Text size="sm" fw={600} mt="md" mb={4}>
        Phases
      </Text>
      <Table.ScrollContainer minWidth={420}>
        <Table aria-label="Phases" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Phase</Table.Th>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Months</Table.Th>
              <Table.Th scope="col">Load</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {settings.phases.map((p) => (
              <Table.Tr key={p.name}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{PHASE_KIND_LABELS[p.kind]}</Table.Td>
                <Table.Td>{p.months}</Table.Td>
                <Table.Td>{formatLoad(p.load)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
