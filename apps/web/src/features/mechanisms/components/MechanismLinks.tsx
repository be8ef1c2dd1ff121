// A mechanism's links across levels: the chain up (nearest first) and the mechanisms linked below,
// grouped by unit, each opening that mechanism's page. Editors link up, unlink, and link one below.
import { useState, type ReactNode } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { LinkedMechanism, MechanismDetail } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { useDialog } from '../../../lib/useDialog';
import { GuidanceAlert } from './GuidanceAlert';
import { LinkDialog, UnlinkDialog } from './LinkDialogs';
import { MechanismStatusBadge } from './MechanismStatusBadge';

type Action = 'up' | 'down' | 'unlink';

function LinkedItem({ m, withUnit = false }: { m: LinkedMechanism; withUnit?: boolean }) {
  return (
    <Group component="li" gap="xs" wrap="wrap">
      <AnchorLink to="/mechanisms/$mechanismId" params={{ mechanismId: m.id }} fw={500}>
        {m.name}
      </AnchorLink>
      <Text size="sm" c="dimmed">
        {withUnit ? `${m.kindName} at ${m.unitName}` : m.kindName}
      </Text>
      <MechanismStatusBadge status={m.status} size="sm" />
    </Group>
  );
}

const listStyle = { listStyle: 'none', padding: 0, margin: 0 };

/** One direction of the chain: its heading, the editor's action, and what is linked that way. */
function ChainPart({ testId, title, action, children }: { testId: string; title: string; action: ReactNode; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb={4}>
        <Title order={3} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </div>
  );
}

/** The mechanisms linked below, by unit in the order first met (nearest first). */
function byUnit(down: readonly LinkedMechanism[]) {
  const groups = new Map<string, { unitName: string; items: LinkedMechanism[] }>();
  for (const m of down) {
    const g = groups.get(m.unitId) ?? { unitName: m.unitName, items: [] };
    g.items.push(m);
    groups.set(m.unitId, g);
  }
  return [...groups.entries()];
}

export function MechanismLinks({ mechanism, mayManage }: { mechanism: MechanismDetail; mayManage: boolean }) {
  const dialog = useDialog();
  const [action, setAction] = useState<Action>('up');
  const start = (a: Action) => {
    setAction(a);
    dialog.open();
  };
  const { up, down, hiddenAbove } = mechanism.chain;
  const linkedUp = mechanism.upperMechanismId !== null;
  const editable = mayManage && mechanism.status !== 'retired';

  return (
    <>
      {mechanism.linkNote && (
        <GuidanceAlert title="Not the usual pair">
          <Text size="sm">{mechanism.linkNote}</Text>
        </GuidanceAlert>
      )}
      <Stack gap="md" mt={mechanism.linkNote ? 'sm' : 0}>
        <ChainPart
          testId="chain-up"
          title="Above"
          action={
            editable && (
              <Button size="xs" variant="default" onClick={() => start(linkedUp ? 'unlink' : 'up')}>
                {linkedUp ? 'Unlink' : 'Link up…'}
              </Button>
            )
          }
        >
          {up.length > 0 && (
            <Stack component="ol" gap={4} style={listStyle} aria-label="Linked above, nearest first">
              {up.map((m) => (
                <LinkedItem key={m.id} m={m} withUnit />
              ))}
            </Stack>
          )}
          {hiddenAbove && (
            <Text size="sm" c="dimmed">
              The chain continues above at units you cannot see.
            </Text>
          )}
          {up.length === 0 && !hiddenAbove && (
            <Text size="sm" c="dimmed">
              Not linked to a mechanism above.
            </Text>
          )}
        </ChainPart>
        <ChainPart
          testId="chain-down"
          title="Below"
          action={
            editable && (
              <Button size="xs" variant="default" onClick={() => start('down')}>
                Link a mechanism below…
              </Button>
            )
          }
        >
          {down.length === 0 ? (
            <Text size="sm" c="dimmed">
              No mechanism below is linked to this one.
            </Text>
          ) : (
            <Stack component="ul" gap="xs" style={listStyle} aria-label="Linked below, by unit">
              {byUnit(down).map(([unitId, g]) => (
                <li key={unitId}>
                  <AnchorLink to="/units/$unitId" params={{ unitId }} size="sm">
                    {g.unitName}
                  </AnchorLink>
                  <Stack component="ul" gap={2} pl="md" style={listStyle}>
                    {g.items.map((m) => (
                      <LinkedItem key={m.id} m={m} />
                    ))}
                  </Stack>
                </li>
              ))}
            </Stack>
          )}
        </ChainPart>
      </Stack>
      {editable && action !== 'unlink' && <LinkDialog key={dialog.key} mechanism={mechanism} direction={action} opened={dialog.opened} onClose={dialog.close} />}
      {editable && action === 'unlink' && <UnlinkDialog key={dialog.key} mechanism={mechanism} opened={dialog.opened} onClose={dialog.close} />}
    </>
  );
}
