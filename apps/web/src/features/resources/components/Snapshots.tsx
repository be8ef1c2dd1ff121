// Freezing the map as of a day, and comparing a frozen map with another or with the map now: what
// was added, dropped, moved between cells, and how the cost changed.
import { useState } from 'react';
import { Button, Group, List, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { interventionCellName, ResourceSnapshotCreate, type InterventionFramework } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { plural } from '../../../lib/format';
import { useCreateSnapshot } from '../api/resourceMutations';
import { compareQuery, type SnapshotRecord } from '../api/resourceQueries';
import { useDialogForm } from '../../../lib/useDialogForm';
import { formatCost } from './labels';

const today = () => new Date().toISOString().slice(0, 10);

export function Snapshots({ unitId, framework, snapshots, mayManage }: { unitId: string; framework: InterventionFramework; snapshots: SnapshotRecord[]; mayManage: boolean }) {
  const [comparing, setComparing] = useState<string | null>(null);
  const [against, setAgainst] = useState<string>('now');
  const from = snapshots.find((s) => s.id === comparing);
  const others = snapshots.filter((s) => s.id !== comparing);
  return (
    <Stack gap="md">
      {mayManage && <FreezeForm unitId={unitId} />}
      {snapshots.length === 0 ? (
        <Text size="sm">No frozen maps yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs" data-testid="snapshots">
            <caption style={{ textAlign: 'left', captionSide: 'top' }}>Frozen maps, latest first</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Title</Table.Th>
                <Table.Th scope="col">As of</Table.Th>
                <Table.Th scope="col">Resources</Table.Th>
                <Table.Th scope="col">Compare</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {snapshots.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row">{s.title}</Table.Th>
                  <Table.Td>{s.asOf}</Table.Td>
                  <Table.Td>{s.resourceCount}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" aria-pressed={comparing === s.id} aria-label={`Compare ${s.title}`}
                      onClick={() => {
                        setComparing(comparing === s.id ? null : s.id);
                        setAgainst('now');
                      }}
                    >
                      Compare
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {comparing && from && others.length > 0 && (
        <NativeSelect
          label={`Compare ${from.title} with`}
          data={[{ value: 'now', label: 'the map now' }, ...others.map((s) => ({ value: s.id, label: `${s.title} (as of ${s.asOf})` }))]}
          value={against}
          onChange={(e) => setAgainst(e.currentTarget.value)}
          style={{ maxWidth: '28rem' }}
        />
      )}
      {comparing && <Comparison unitId={unitId} snapshotId={comparing} to={against === 'now' || against === comparing ? null : against} framework={framework} />}
    </Stack>
  );
}

function FreezeForm({ unitId }: { unitId: string }) {
  const create = useCreateSnapshot(unitId);
  const [asOf, setAsOf] = useState(today);
  const [title, setTitle] = useState('');
  const form = useDialogForm(() => setTitle(''));
  const submit = () =>
    form.send(ResourceSnapshotCreate, { unitId, asOf, ...(title.trim() ? { title } : {}) }, (input) => create.mutateAsync(input), (s) => `Froze the map: ${s.title}.`);
  return (
    <form
      ref={form.formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-label="Freeze the map"
    >
      <Stack gap="xs">
        <ProblemAlert error={create.error} title="Could not freeze the map" />
        <Group align="flex-end" gap="sm">
          <TextInput label="As of" type="date" required value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} error={form.errors.asOf} />
          <TextInput label="Title" description="Optional" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={form.errors.title} style={{ flex: '1 1 14rem' }} />
          <Button type="submit" loading={create.isPending}>
            Freeze the map
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Comparison({ unitId, snapshotId, to, framework }: { unitId: string; snapshotId: string; to: string | null; framework: InterventionFramework }) {
  const q = useQuery(compareQuery(unitId, snapshotId, to));
  if (q.isPending) return <Loading label="Comparing…" />;
  if (q.isError) return <ProblemAlert error={q.error} title="Could not compare" />;
  const c = q.data;
  const cells = (keys: string[]) => keys.map((k) => interventionCellName(framework, k)).join('; ');
  return (
    <section aria-labelledby="comparison-heading" data-testid="snapshot-comparison">
      <Title order={3} size="h4" id="comparison-heading" mb="xs">
        {c.from.title} compared with {c.to ? c.to.title : 'now'}
      </Title>
      <Text size="sm" mb="xs">
        {plural(c.totals.resourcesBefore, 'resource')} then, {plural(c.totals.resourcesAfter, 'resource')} {c.to ? `as of ${c.to.asOf}` : 'now'}. Annual cost {formatCost(c.totals.annualCostBefore)} then,{' '}
        {formatCost(c.totals.annualCostAfter)} {c.to ? `as of ${c.to.asOf}` : 'now'} ({c.totals.annualCostChange >= 0 ? 'up' : 'down'} {formatCost(Math.abs(c.totals.annualCostChange))}).
      </Text>
      <Stack gap="xs">
        <Change title={`Added (${c.added.length})`} items={c.added.map((a) => `${a.name} — ${cells(a.cells)}, ${formatCost(a.annualCost)}`)} />
        <Change title={`Dropped (${c.dropped.length})`} items={c.dropped.map((a) => `${a.name} — ${cells(a.cells)}, ${formatCost(a.annualCost)}`)} />
        <Change title={`Moved between cells (${c.moved.length})`} items={c.moved.map((m) => `${m.name}: from ${cells(m.fromCells)} to ${cells(m.toCells)}`)} />
        <Change
          title={`Cost changed (${c.costChanged.length})`}
          items={c.costChanged.map((m) => `${m.name}: ${formatCost(m.before)} → ${formatCost(m.after)} (${m.change >= 0 ? '+' : '−'}${formatCost(Math.abs(m.change))})`)}
        />
      </Stack>
    </section>
  );
}

function Change({ title, items }: { title: string; items: string[] }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {items.length === 0 ? (
        <Text size="sm">None.</Text>
      ) : (
        <List size="sm">
          {items.map((t, i) => (
            <List.Item key={i}>{t}</List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
