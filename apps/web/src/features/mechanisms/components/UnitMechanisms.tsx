// The change infrastructure of a unit: its mechanisms (flagging those behind their meeting cadence),
// the diagram of them with their links across levels, and (for editors) establishing one.
import { Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { MechanismDetail } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { mayAt } from '../../../lib/access';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { useDialog } from '../../../lib/useDialog';
import { mechanismUnitQuery, unitMechanismsQuery } from '../api/mechanismQueries';
import { DownloadLinks } from '../../exports/components/DownloadLinks';
import { EstablishMechanismDialog } from './EstablishMechanismDialog';
import { InfrastructureDiagram } from './InfrastructureDiagram';
import { MechanismStatusBadge } from './MechanismStatusBadge';

const LEVELS = ['state', 'region', 'district', 'feeder_pattern', 'school'];

export function UnitMechanisms({ unitId, labelledBy, onEstablished }: { unitId: string; labelledBy: string; onEstablished: (mechanism: MechanismDetail) => void }) {
  const session = useSession();
  const unit = useQuery(mechanismUnitQuery(unitId));
  const mechanisms = useQuery(unitMechanismsQuery(unitId));
  const establish = useDialog();

  const u = unit.data;
  const mayEstablish = !!u && !u.archived && LEVELS.includes(u.kind) && mayAt(session, [...u.ancestors.map((a) => a.id), u.id], 'editor');

  let list;
  if (mechanisms.isPending) list = <Loading label="Loading mechanisms…" />;
  else if (mechanisms.isError)
    list = isProblem(mechanisms.error, 403) ? <Text c="dimmed">You may not see this unit’s mechanisms.</Text> : <ProblemAlert error={mechanisms.error} title="Could not load the mechanisms" />;
  else if (mechanisms.data.length === 0) list = <Text c="dimmed">No mechanisms established here yet.</Text>;
  else
    list = (
      <Table.ScrollContainer minWidth={520}>
        <Table striped highlightOnHover aria-labelledby={labelledBy} data-testid="unit-mechanisms">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Members</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mechanisms.data.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <AnchorLink to="/mechanisms/$mechanismId" params={{ mechanismId: m.id }} fw={500}>
                    {m.name}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{m.kindName}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    <MechanismStatusBadge status={m.status} />
                    {m.cadence.state === 'behind' && (
                      <Badge color="red.9" variant="outline" title={m.cadence.message}>
                        Behind cadence
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{m.memberCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 20rem' }}>
          The mechanisms that carry systemic change here: steering bodies, planning and implementation teams, facilitators.
        </Text>
        {mayEstablish && <Button onClick={establish.open}>Establish mechanism</Button>}
      </Group>
      {list}
      {mechanisms.isSuccess && mechanisms.data.length > 0 && (
        <>
          <DownloadLinks path={`/api/units/${unitId}/mechanisms/export`} what="these mechanisms" testId="download-mechanisms" />
          <Title order={3} size="h4" mt="lg" mb="xs">
            Diagram
          </Title>
          <InfrastructureDiagram unitId={unitId} />
        </>
      )}
      {mayEstablish && u && <EstablishMechanismDialog key={establish.key} unit={u} opened={establish.opened} onClose={establish.close} onEstablished={onEstablished} />}
    </>
  );
}
