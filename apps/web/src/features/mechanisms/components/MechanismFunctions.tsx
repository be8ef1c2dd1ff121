// A mechanism's functions, each marked as in the catalog, reworded (with the catalog's words),
// dropped (with the reason) or added locally, and its source; and whether each is in place, with
// evidence. Editors reword, drop, restore, add; members record capacity.
import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { CAPACITY_LABELS, type MechanismDetail, type MechanismFunctionEntry } from '@trellis/core';
import { useDialog } from '../../../lib/useDialog';
import { plural } from '../../../lib/format';
import { citation, DEPARTURE_LABELS } from './labels';
import { CapacityDialog } from './CapacityDialog';
import { DropFunctionDialog, FunctionTextDialog, RestoreFunctionDialog } from './FunctionDialogs';

type Action = { kind: 'reword' | 'drop' | 'restore' | 'capacity'; entry: MechanismFunctionEntry } | { kind: 'add' };

function DepartureBadge({ entry }: { entry: MechanismFunctionEntry }) {
  if (entry.departure === 'as-catalog') return <Badge variant="outline" color="gray.7">{DEPARTURE_LABELS[entry.departure]}</Badge>;
  if (entry.departure === 'dropped') return <Badge variant="filled" color="gray.7">{DEPARTURE_LABELS[entry.departure]}</Badge>;
  return <Badge variant="light">{DEPARTURE_LABELS[entry.departure]}</Badge>;
}

function CapacityBadge({ entry }: { entry: MechanismFunctionEntry }) {
  const color = { not_started: 'gray.7', developing: 'blue.9', in_place: 'trellis.7' }[entry.capacity];
  return (
    <Badge variant="outline" color={color}>
      {CAPACITY_LABELS[entry.capacity]}
    </Badge>
  );
}

export function MechanismFunctions({ mechanism, mayManage, mayRecord }: { mechanism: MechanismDetail; mayManage: boolean; mayRecord: boolean }) {
  const dialog = useDialog();
  const [action, setAction] = useState<Action>({ kind: 'add' });
  const start = (a: Action) => {
    setAction(a);
    dialog.open();
  };
  const d = mechanism.departures;
  const c = mechanism.capacity;
  const recordable = mayRecord && mechanism.status !== 'retired';

  return (
    <>
      <Text fw={600} data-testid="capacity-summary">
        {c.in_place} of {plural(c.total, 'function')} in place
        {c.developing > 0 ? `, ${c.developing} developing` : ''}.
      </Text>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 20rem' }} data-testid="function-summary">
          {d.departs
            ? `Departs from the catalog: ${[d.reworded && `${d.reworded} reworded`, d.dropped && `${d.dropped} dropped`, d.added && `${d.added} added locally`].filter(Boolean).join(', ')}; ${d.asCatalog} as in the catalog.`
            : `All ${plural(d.asCatalog, 'function')} as in the catalog.`}
        </Text>
        {mayManage && (
          <Button variant="default" onClick={() => start({ kind: 'add' })}>
            Add function
          </Button>
        )}
      </Group>
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="mechanism-functions" aria-label="Functions">
        {mechanism.functions.map((f) => (
          <Paper key={f.id} component="li" withBorder p="sm" radius="sm" data-departure={f.departure}>
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
              <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
                <Group gap="xs">
                  <DepartureBadge entry={f} />
                  {f.departure !== 'dropped' && <CapacityBadge entry={f} />}
                </Group>
                <Text size="sm" td={f.departure === 'dropped' ? 'line-through' : undefined}>
                  {f.text}
                </Text>
                {f.departure === 'reworded' && f.catalogText && (
                  <Text size="sm" c="dimmed">
                    Catalog wording: {f.catalogText}
                  </Text>
                )}
                {f.departure === 'dropped' && f.droppedReason && <Text size="sm">Reason dropped: {f.droppedReason}</Text>}
                {f.departure !== 'dropped' && f.capacityEvidence && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    Evidence: {f.capacityEvidence}
                  </Text>
                )}
                {f.source && (
                  <Text size="xs" c="dimmed">
                    {citation(f.source)}
                  </Text>
                )}
              </Stack>
              {(mayManage || recordable) && (
                <Group gap="xs" wrap="wrap" justify="flex-end">
                  {recordable && f.departure !== 'dropped' && (
                    <Button size="xs" variant="default" onClick={() => start({ kind: 'capacity', entry: f })}>
                      Capacity
                    </Button>
                  )}
                  {!mayManage ? null : f.departure === 'dropped' ? (
                    <Button size="xs" variant="default" onClick={() => start({ kind: 'restore', entry: f })}>
                      Restore
                    </Button>
                  ) : (
                    <>
                      <Button size="xs" variant="default" onClick={() => start({ kind: 'reword', entry: f })}>
                        Reword
                      </Button>
                      <Button size="xs" variant="default" onClick={() => start({ kind: 'drop', entry: f })}>
                        Drop
                      </Button>
                    </>
                  )}
                </Group>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
      {d.missing.length > 0 && (
        <Text size="sm" c="dimmed" mt="sm">
          Catalog functions not in this list: {d.missing.map((x) => x.text).join('; ')}
        </Text>
      )}
      {mayManage && action.kind === 'add' && <FunctionTextDialog key={dialog.key} mechanismId={mechanism.id} entry={null} opened={dialog.opened} onClose={dialog.close} />}
      {mayManage && action.kind === 'reword' && <FunctionTextDialog key={dialog.key} mechanismId={mechanism.id} entry={action.entry} opened={dialog.opened} onClose={dialog.close} />}
      {mayManage && action.kind === 'drop' && <DropFunctionDialog key={dialog.key} mechanismId={mechanism.id} entry={action.entry} opened={dialog.opened} onClose={dialog.close} />}
      {recordable && action.kind === 'capacity' && <CapacityDialog key={dialog.key} mechanismId={mechanism.id} entry={action.entry} opened={dialog.opened} onClose={dialog.close} />}
      {mayManage && action.kind === 'restore' && <RestoreFunctionDialog key={dialog.key} mechanismId={mechanism.id} entry={action.entry} opened={dialog.opened} onClose={dialog.close} />}
    </>
  );
}
