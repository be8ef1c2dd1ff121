// A unit's coaching focus areas: Appendix B as its state or district adapted it (docs/decisions/0020).
// Each area says where its words come from (the guide, cited; reworded by whom, with the guide's
// words; added by whom) and whether it is in use or retired. A state's or district's leaders reword,
// add, retire and restore areas for the unit and those below it; a stale change offers a reload.
import { Badge, Button, Group, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { CoachingFocusAreasUpdate, type CoachingFocusAreaInForce, type CoachingFocusAreaChange } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useDialog } from '../../../lib/useDialog';
import { useDialogForm } from '../../../lib/useDialogForm';
import { focusAreasQuery, useChangeFocusAreas, type FocusAreaList } from '../api/coaching';
import { focusedElement, returnFocusTo } from '../../plans/components/returnFocus';
import { formatDay } from './labels';

type Editing = { mode: 'add' } | { mode: 'reword'; area: CoachingFocusAreaInForce } | { mode: 'retire'; area: CoachingFocusAreaInForce };

export function FocusAreas({ unitId, mayManage }: { unitId: string; mayManage: boolean }) {
  const list = useQuery(focusAreasQuery(unitId));
  const dialog = useDialog();
  const [editing, setEditing] = useState<Editing>({ mode: 'add' });
  const change = useChangeFocusAreas(unitId);
  const trigger = useRef<HTMLElement | null>(null);
  const close = () => {
    dialog.close();
    returnFocusTo(trigger.current);
  };
  if (list.isPending) return <Loading />;
  if (list.isError) return <ProblemAlert error={list.error} title="Could not load the focus areas" />;
  const l = list.data;
  const mayAdapt = mayManage && l.adaptable;
  const open = (e: Editing) => {
    trigger.current = focusedElement();
    setEditing(e);
    change.reset();
    dialog.open();
  };
  const from = l.adaptedBy.length ? `as adapted by ${l.adaptedBy.map((u) => u.unitName).join(', then ')}` : 'as the guide lists them';
  return (
    <Stack gap="md">
      <Text size="sm">
        The Appendix B tasks (catalog {l.basedOn.version}) {from}. Engagements, contact topics and hand-over plans here choose from the areas in use; a retired area stays on the
        engagements and contacts that named it.
        {!l.adaptable && ' A state or a district adapts them for the units below it.'}
      </Text>
      {mayAdapt && (
        <Group>
          <Button onClick={() => open({ mode: 'add' })}>Add a focus area</Button>
        </Group>
      )}
      <Table.ScrollContainer minWidth={720} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Focus areas (scrolls sideways)' } }}>
        <Table striped data-testid="focus-areas">
          <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>Focus areas at {l.unitName}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Focus area</Table.Th>
              <Table.Th scope="col">Coaches and mentors can prepare leaders to…</Table.Th>
              <Table.Th scope="col">Words from</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              {mayAdapt && <Table.Th scope="col">Change</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {l.areas.map((a) => (
              <Table.Tr key={a.key} data-testid={`focus-area-${a.key}`}>
                <Table.Th scope="row">{a.label}</Table.Th>
                <Table.Td>{a.text}</Table.Td>
                <Table.Td>
                  <Origin area={a} />
                </Table.Td>
                <Table.Td>
                  {a.retired ? (
                    <Text size="sm">
                      Retired by {a.retired.unitName} on {formatDay(a.retired.on)}
                      {a.retired.reason ? `: ${a.retired.reason}` : ''}
                    </Text>
                  ) : (
                    <Badge variant="outline" color="#1e6b32">
                      In use
                    </Badge>
                  )}
                </Table.Td>
                {mayAdapt && (
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button size="xs" variant="default" aria-label={`Reword ${a.label}`} onClick={() => open({ mode: 'reword', area: a })}>
                        Reword
                      </Button>
                      {!a.retired ? (
                        <Button size="xs" variant="default" aria-label={`Retire ${a.label}`} onClick={() => open({ mode: 'retire', area: a })}>
                          Retire
                        </Button>
                      ) : (
                        a.retired.unitId === unitId && (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`Restore ${a.label}`}
                            loading={change.isPending && !dialog.opened}
                            onClick={() => change.mutate({ version: l.version, changes: [{ op: 'restore', key: a.key }] })}
                          >
                            Restore
                          </Button>
                        )
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!dialog.opened && <ProblemAlert error={change.error} title="Could not change the focus areas" onReload={() => (change.reset(), void list.refetch())} />}
      {mayAdapt && <FocusAreaDialog key={dialog.key} unitId={unitId} list={l} editing={editing} opened={dialog.opened} onClose={close} />}
    </Stack>
  );
}

function Origin({ area: a }: { area: CoachingFocusAreaInForce }) {
  if (a.origin === 'added') {
    return (
      <Text size="sm">
        Added by {a.addedBy?.personName} ({a.addedBy?.unitName}) on {a.addedBy ? formatDay(a.addedBy.on) : ''}
        {a.changedBy && a.changedBy.on !== a.addedBy?.on ? `; reworded by ${a.changedBy.personName} (${a.changedBy.unitName}) on ${formatDay(a.changedBy.on)}` : ''}
        {a.changedBy && a.changedBy.unitName !== a.addedBy?.unitName && a.changedBy.on === a.addedBy?.on ? `; reworded by ${a.changedBy.personName} (${a.changedBy.unitName})` : ''}
      </Text>
    );
  }
  const cite = a.source ? `${a.source.section.split(' — ')[0]}, Planning Coaching guide` : 'Appendix B';
  if (a.origin === 'reworded') {
    return (
      <Text size="sm">
        Reworded by {a.changedBy?.personName} ({a.changedBy?.unitName}) on {a.changedBy ? formatDay(a.changedBy.on) : ''}. {cite} says: “{a.shipped?.label}” — “{a.shipped?.text}”.
      </Text>
    );
  }
  return <Text size="sm">{cite}</Text>;
}

function FocusAreaDialog({ unitId, list, editing, opened, onClose }: { unitId: string; list: FocusAreaList; editing: Editing; opened: boolean; onClose: () => void }) {
  const change = useChangeFocusAreas(unitId);
  const queryClient = useQueryClient();
  const { errors, formRef, send, reloader } = useDialogForm(onClose);
  const [version, setVersion] = useState(list.version);
  const area = editing.mode === 'add' ? null : editing.area;
  const [label, setLabel] = useState(area?.label ?? '');
  const [text, setText] = useState(area?.text ?? '');
  const [reason, setReason] = useState('');
  const err = (field: string) => errors[`changes.0.${field}`] ?? (field === 'key' ? errors.changes : undefined);

  const changeOf = (): CoachingFocusAreaChange =>
    editing.mode === 'add'
      ? { op: 'add', label: label.trim(), text: text.trim() }
      : editing.mode === 'retire'
        ? { op: 'retire', key: editing.area.key, reason: reason.trim() || null }
        : {
            op: 'reword',
            key: editing.area.key,
            ...(label.trim() !== editing.area.label ? { label: label.trim() } : {}),
            ...(text.trim() !== editing.area.text ? { text: text.trim() } : {}),
          };
  const submit = () => {
    const c = changeOf();
    send(CoachingFocusAreasUpdate, { version, changes: [c] }, change.mutateAsync, () =>
      c.op === 'add' ? `Added the focus area “${label.trim()}”.` : c.op === 'retire' ? `Retired “${editing.mode === 'retire' ? editing.area.label : ''}”.` : `Saved the new words of “${label.trim()}”.`,
    );
  };
  const title = editing.mode === 'add' ? `Add a focus area for ${list.unitName}` : editing.mode === 'retire' ? `Retire “${editing.area.label}”?` : `Reword “${editing.area.label}”`;
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={title}
      submitLabel={editing.mode === 'add' ? 'Add focus area' : editing.mode === 'retire' ? 'Retire focus area' : 'Save words'}
      pending={change.isPending}
      error={change.error}
      errorTitle="Could not change the focus areas"
      onSubmit={submit}
      formRef={formRef}
      onReload={reloader(change, () => queryClient.fetchQuery(focusAreasQuery(unitId)), (fresh) => setVersion(fresh.version))}
    >
      {editing.mode === 'retire' ? (
        <>
          <Text size="sm">
            New engagements, contacts and hand-over plans at {list.unitName} and below will no longer offer it. Engagements and contacts that named it keep it.
          </Text>
          <Textarea label="Why retire it" description="Optional; shown beside it" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={err('reason')} data-autofocus />
          {err('key') && (
            <Text size="sm" c="red.8" role="alert">
              {err('key')}
            </Text>
          )}
        </>
      ) : (
        <>
          {area?.origin !== 'added' && area?.source && (
            <Text size="sm">The area keeps its citation to Appendix B; the list shows the guide’s words beside yours.</Text>
          )}
          <TextInput label="Short name" description="As lists, charts and reports show it" required value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={err('label')} data-autofocus />
          <Textarea
            label="Coaches and mentors can prepare leaders to…"
            required
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={err('text')}
          />
          {err('key') && (
            <Text size="sm" c="red.8" role="alert">
              {err('key')}
            </Text>
          )}
        </>
      )}
    </FormDialog>
  );
}
