// Barriers to change and rapid problem solving: the unit's barriers (and, at will, those of the
// units below), open first, stale ones flagged with why; log one, update it, start work on it,
// resolve it (saying how) or drop it (saying why). Time to resolution is shown for resolved ones.
import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { allowedBarrierTransitions, BARRIER_CATEGORY_LABELS, type UnitDetail } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { DetailList } from '../../../components/DetailList';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { plural } from '../../../lib/format';
import { useDialog } from '../../../lib/useDialog';
import { usePageTitle } from '../../../lib/usePageTitle';
import { DownloadLinks } from '../../exports/components/DownloadLinks';
import { Section } from '../../plans/components/Section';
import { useMoveBarrier } from '../api/progressMutations';
import { barriersQuery, type BarrierRecord } from '../api/progressQueries';
import { BarrierDialog, BarrierMoveDialog, type BarrierMove } from './BarrierDialogs';
import { hasUnitsBelow } from './ProgressOverviewPage';
import { ProgressFrame } from './ProgressFrame';
import { WithUnit } from './WithUnit';
import { barrierStatusLabel, formatDay, staleWords } from './labels';

export function BarriersPage({ unitId }: { unitId: string }) {
  return <WithUnit unitId={unitId}>{(access) => <Barriers {...access} />}</WithUnit>;
}

const STATUS_COLORS = { open: 'red', in_progress: 'blue', resolved: 'trellis', dropped: 'gray' } as const;

function Barriers({ unit, mayRecord }: { unit: UnitDetail; mayRecord: boolean }) {
  usePageTitle(`Barriers · ${unit.name}`);
  const [subtree, setSubtree] = useState(hasUnitsBelow(unit.kind));
  const barriers = useQuery(barriersQuery(unit.id, subtree));
  const log = useDialog();
  const edit = useDialog();
  const moving = useDialog();
  const [editing, setEditing] = useState<BarrierRecord | null>(null);
  const [move, setMove] = useState<{ barrier: BarrierRecord; to: BarrierMove } | null>(null);
  const list = barriers.data ?? [];
  const open = list.filter((b) => b.status === 'open' || b.status === 'in_progress');
  const closed = list.filter((b) => b.status === 'resolved' || b.status === 'dropped');

  const card = (b: BarrierRecord) => (
    <BarrierCard
      key={b.id}
      barrier={b}
      showUnit={b.unitId !== unit.id}
      mayRecord={mayRecord}
      onEdit={() => {
        setEditing(b);
        edit.open();
      }}
      onMove={(to) => {
        setMove({ barrier: b, to });
        moving.open();
      }}
    />
  );

  return (
    <ProgressFrame
      unit={unit}
      section="barriers"
      title={`Barriers: ${unit.name}`}
      description="What stands in the way of the change, who owns solving it, and the next step. A barrier with no update for two weeks, or past its target date, is flagged."
      actions={mayRecord && <Button onClick={log.open}>Log a barrier</Button>}
    >
      {hasUnitsBelow(unit.kind) && <Checkbox label="Include the barriers of the units below" checked={subtree} onChange={(e) => setSubtree(e.currentTarget.checked)} />}
      {barriers.isPending ? (
        <Loading label="Loading the barriers…" />
      ) : barriers.isError ? (
        <ProblemAlert error={barriers.error} title="Could not load the barriers" />
      ) : (
        <>
          <Section id="open-barriers-heading" title={`Open (${open.length})`} testId="open-barriers">
            {open.length === 0 ? (
              <Text size="sm" c="dimmed">
                No open barriers.{mayRecord ? ' Log one when something stands in the way.' : ''}
              </Text>
            ) : (
              <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {open.map(card)}
              </Stack>
            )}
          </Section>
          <Section id="closed-barriers-heading" title={`Resolved or dropped (${closed.length})`} testId="closed-barriers">
            {closed.length === 0 ? (
              <Text size="sm" c="dimmed">
                None yet.
              </Text>
            ) : (
              <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {closed.map(card)}
              </Stack>
            )}
          </Section>
          {open.length + closed.length > 0 && (
            <DownloadLinks path={`/api/units/${unit.id}/barriers/export`} params={{ subtree: subtree ? 'true' : undefined }} what={subtree ? 'the barrier log, with the units below' : 'the barrier log'} testId="download-barriers" />
          )}
        </>
      )}
      <BarrierDialog key={`log-${log.key}`} unitId={unit.id} unitName={unit.name} barrier={null} opened={log.opened} onClose={log.close} />
      {editing && <BarrierDialog key={`edit-${edit.key}`} unitId={unit.id} unitName={unit.name} barrier={editing} opened={edit.opened} onClose={edit.close} />}
      {move && <BarrierMoveDialog key={`move-${moving.key}`} barrier={move.barrier} to={move.to} opened={moving.opened} onClose={moving.close} />}
    </ProgressFrame>
  );
}

function BarrierCard({ barrier: b, showUnit, mayRecord, onEdit, onMove }: { barrier: BarrierRecord; showUnit: boolean; mayRecord: boolean; onEdit: () => void; onMove: (to: BarrierMove) => void }) {
  const start = useMoveBarrier(b.id);
  const announce = useAnnounce();
  const isOpen = b.status === 'open' || b.status === 'in_progress';
  // Only the moves the rules allow from here: work starts (in progress) before a barrier is resolved.
  const next = allowedBarrierTransitions(b.status);
  const headingId = `barrier-${b.id}`;
  return (
    <Paper component="li" withBorder p="sm" radius="md" aria-labelledby={headingId} data-testid="barrier">
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text fw={600} id={headingId}>
            {BARRIER_CATEGORY_LABELS[b.category]}
            {showUnit ? ` at ${b.unitName}` : ''}
          </Text>
          <Badge variant="light" color={STATUS_COLORS[b.status]}>
            {barrierStatusLabel(b.status)}
          </Badge>
          {b.staleness.stale && (
            <Badge variant="filled" color="#8a3a00" data-testid="stale-flag">
              Needs attention
            </Badge>
          )}
        </Group>
        <Text size="sm">{b.description}</Text>
        {b.staleness.stale && (
          <Text size="sm" c="#8a3a00">
            Needs attention: {staleWords(b.staleness)}.
          </Text>
        )}
        <DetailList
          items={[
            { label: 'Owner', value: b.ownerName },
            { label: 'Next step', value: b.nextStep },
            { label: 'Target date', value: b.targetOn ? formatDay(b.targetOn) : 'None set' },
            ...(b.mechanismName && b.mechanismId ? [{ label: 'Mechanism', value: <AnchorLink to="/mechanisms/$mechanismId" params={{ mechanismId: b.mechanismId }}>{b.mechanismName}</AnchorLink> }] : []),
            { label: 'Logged', value: formatDay(b.raisedOn) },
            ...(b.status === 'resolved'
              ? [
                  { label: 'Resolved', value: `${b.resolvedOn ? formatDay(b.resolvedOn) : ''} — ${plural(b.daysToResolution ?? 0, 'day')} to resolve` },
                  { label: 'How', value: b.resolution ?? '' },
                ]
              : []),
            ...(b.status === 'dropped' ? [{ label: 'Dropped', value: `${b.resolvedOn ? formatDay(b.resolvedOn) : ''}: ${b.dropReason ?? ''}` }] : []),
          ]}
        />
        {mayRecord && isOpen && (
          <Group gap="xs" wrap="wrap">
            <Button size="xs" variant="default" onClick={onEdit} aria-describedby={headingId}>
              Update
            </Button>
            {next.includes('in_progress') && (
              <Button
                size="xs"
                variant="default"
                loading={start.isPending}
                aria-describedby={headingId}
                onClick={() => start.mutate({ version: b.version, to: 'in_progress' }, { onSuccess: () => announce('The barrier is in progress.') })}
              >
                Start work
              </Button>
            )}
            {next.includes('resolved') && (
              <Button size="xs" onClick={() => onMove('resolved')} aria-describedby={headingId}>
                Resolve
              </Button>
            )}
            {next.includes('dropped') && (
              <Button size="xs" variant="default" onClick={() => onMove('dropped')} aria-describedby={headingId}>
                Drop
              </Button>
            )}
          </Group>
        )}
        <ProblemAlert error={start.error} title="Could not start work on the barrier" />
      </Stack>
    </Paper>
  );
}
