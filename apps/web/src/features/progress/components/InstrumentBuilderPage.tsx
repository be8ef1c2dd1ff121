// Building a benchmark instrument: start from the shipped checklist, from an instrument in use here
// (a copy, or a new version of one of the unit's own) or from a blank page; then leave items out,
// reword them (they keep their citation and record the change), and add the agency's own (they cite
// no document and say who added them), each with its area, phase and what counts as evidence. Every
// item is rated on the same four-point scale. Saving sends the changes against the starting point.
import { useMemo, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  BENCHMARK_SCALE,
  BenchmarkInstrumentCreate,
  formatCitation,
  PLAN_PHASE_CATALOG,
  PLAN_PHASES,
  type BenchmarkArea,
  type BenchmarkItem,
  type PlanPhase,
  type UnitDetail,
} from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, useFocusOnErrors, zodFieldErrors, type FieldErrors } from '../../../lib/forms';
import { useDialog } from '../../../lib/useDialog';
import { usePageTitle } from '../../../lib/usePageTitle';
import { Section } from '../../plans/components/Section';
import { useBuildInstrument } from '../api/instrumentMutations';
import { instrumentRef, unitInstrumentsQuery, type BenchmarkInstrumentRecord } from '../api/instrumentQueries';
import { ProgressFrame } from './ProgressFrame';
import { WithUnit } from './WithUnit';
import { todayUtc } from './labels';

export const BLANK = 'blank';

export function InstrumentBuilderPage({ unitId, from, newVersion }: { unitId: string; from: string | undefined; newVersion: boolean }) {
  return (
    <WithUnit unitId={unitId}>
      {(access) =>
        access.mayManage ? (
          <Loader unit={access.unit} from={from} newVersion={newVersion} />
        ) : (
          <ProgressFrame unit={access.unit} section="instruments" crumb="Build an instrument" title="Build an instrument">
            <Alert color="gray" variant="light" title="Leaders build instruments">
              Leaders of {access.unit.name} or a unit above it build benchmark instruments. You may read the instruments in use and assess with them.
            </Alert>
          </ProgressFrame>
        )
      }
    </WithUnit>
  );
}

function Loader({ unit, from, newVersion }: { unit: UnitDetail; from: string | undefined; newVersion: boolean }) {
  const instruments = useQuery(unitInstrumentsQuery(unit.id));
  if (instruments.isPending) return <Loading label="Loading the instruments…" />;
  if (instruments.isError) return <ProblemAlert error={instruments.error} title="Could not load the instruments" />;
  const usable = instruments.data.benchmark.filter((i) => !i.retiredAt);
  const start = from === BLANK ? BLANK : (usable.find((i) => instrumentRef(i) === from) ?? usable[0]!);
  const versioning = newVersion && start !== BLANK && start.owner?.unitId === unit.id ? start : null;
  // A new start remounts the form, so that nothing of the old one lingers.
  return <Builder key={`${start === BLANK ? BLANK : instrumentRef(start)}${versioning ? ':v' : ''}`} unit={unit} usable={usable} start={start} versioning={versioning} />;
}

interface DraftItem {
  key: string;
  title: string;
  area: string;
  phase: PlanPhase | null;
  evidence: string;
  /** The item as the starting instrument has it; null on an item added here. */
  base: BenchmarkItem | null;
}

interface DraftArea extends BenchmarkArea {
  added: boolean;
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'item';

const uniqueKey = (text: string, taken: Set<string>) => {
  const base = slugify(text);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
};

function nextVersion(after: string | null): string {
  const today = todayUtc();
  const month = `${today.slice(0, 4)}.${Number(today.slice(5, 7))}`;
  if (!after) return `${month}.0`;
  const [y, m, p] = after.split('.').map(Number) as [number, number, number];
  return `${y}.${m}` === month ? `${month}.${p + 1}` : `${month}.0`;
}

const phaseWords = (phase: PlanPhase | null) => (phase ? PLAN_PHASE_CATALOG[phase].label : 'Every phase');

function Builder({ unit, usable, start, versioning }: { unit: UnitDetail; usable: BenchmarkInstrumentRecord[]; start: BenchmarkInstrumentRecord | typeof BLANK; versioning: BenchmarkInstrumentRecord | null }) {
  usePageTitle(`Build an instrument · ${unit.name}`);
  const navigate = useNavigate();
  const announce = useAnnounce();
  const build = useBuildInstrument();
  const base = start === BLANK ? null : start;
  const [name, setName] = useState(versioning?.name ?? '');
  const [id, setId] = useState(versioning?.id ?? '');
  const [idTouched, setIdTouched] = useState(!!versioning);
  const [version, setVersion] = useState(nextVersion(versioning?.version ?? null));
  const [summary, setSummary] = useState(versioning?.summary ?? '');
  const [areas, setAreas] = useState<DraftArea[]>(() => (base?.areas ?? []).map((a) => ({ ...a, added: false })));
  const [items, setItems] = useState<DraftItem[]>(() => (base?.items ?? []).map((i) => ({ key: i.key, title: i.title, area: i.area, phase: i.phase, evidence: i.evidence, base: i })));
  const [removed, setRemoved] = useState<BenchmarkItem[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnErrors(formRef, errors);
  const itemDialog = useDialog();
  const [editing, setEditing] = useState<DraftItem | null>(null);
  const areaDialog = useDialog();

  const takenKeys = useMemo(() => new Set([...items.map((i) => i.key), ...removed.map((i) => i.key), ...(base?.items ?? []).map((i) => i.key)]), [items, removed, base]);
  const effectiveId = idTouched ? id : slugify(name) === 'item' ? '' : slugify(name);

  const changeStart = (value: string) => void navigate({ to: '/units/$unitId/progress/instruments/new', params: { unitId: unit.id }, search: { from: value }, replace: true });

  const leaveOut = (item: DraftItem) => {
    setItems((list) => list.filter((i) => i.key !== item.key));
    if (item.base) setRemoved((list) => [...list, item.base!]);
    announce(item.base ? `Left out “${item.title}”. It is listed under Left out, to put back.` : `Removed “${item.title}”.`);
  };
  const putBack = (item: BenchmarkItem) => {
    setRemoved((list) => list.filter((i) => i.key !== item.key));
    // Back in the place it had in the starting instrument.
    const order = new Map((base?.items ?? []).map((i, n) => [i.key, n] as const));
    setItems((list) => [...list, { key: item.key, title: item.title, area: item.area, phase: item.phase, evidence: item.evidence, base: item }].sort((a, b) => (order.get(a.key) ?? 1e6) - (order.get(b.key) ?? 1e6)));
    announce(`Put back “${item.title}”.`);
  };
  const saveItem = (item: DraftItem) => {
    setItems((list) => (list.some((i) => i.key === item.key) ? list.map((i) => (i.key === item.key ? item : i)) : [...list, item]));
  };

  const body = () => {
    const differs = (i: DraftItem) => i.base && (i.title !== i.base.title || i.area !== i.base.area || i.phase !== i.base.phase || i.evidence !== i.base.evidence);
    return {
      unitId: unit.id,
      id: effectiveId,
      version,
      name,
      summary: summary.trim() === '' ? undefined : summary,
      basedOn: base ? { id: base.id, version: base.version } : null,
      areas: areas.filter((a) => a.added).map(({ key, label, description }) => ({ key, label, description })),
      items: items.filter((i) => !i.base).map(({ key, title, area, phase, evidence }) => ({ key, title, area, phase, evidence })),
      removeItems: removed.map((i) => i.key),
      changeItems: items.filter(differs).map((i) => ({
        key: i.key,
        ...(i.title !== i.base!.title ? { title: i.title } : {}),
        ...(i.area !== i.base!.area ? { area: i.area } : {}),
        ...(i.phase !== i.base!.phase ? { phase: i.phase } : {}),
        ...(i.evidence !== i.base!.evidence ? { evidence: i.evidence } : {}),
      })),
    };
  };

  const save = () => {
    const parsed = BenchmarkInstrumentCreate.safeParse(body());
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    build.mutate(parsed.data, {
      onSuccess: (saved) => {
        announce(`Saved ${saved.name} ${saved.version}: ${saved.items.length} items.`);
        void navigate({ to: '/units/$unitId/progress/instruments', params: { unitId: unit.id } });
      },
      onError: (e) => setErrors(problemFieldErrors(e)),
    });
  };

  const counts = {
    added: items.filter((i) => !i.base).length,
    reworded: items.filter((i) => i.base && (i.title !== i.base.title || i.area !== i.base.area || i.phase !== i.base.phase || i.evidence !== i.base.evidence)).length,
  };
  const formError = errors.items ?? errors.form;

  return (
    <ProgressFrame
      unit={unit}
      section="instruments"
      crumb={versioning ? 'New version' : 'Build an instrument'}
      title={versioning ? `New version of ${versioning.name}` : `Build a benchmark instrument for ${unit.name}`}
      description={`It is used at ${unit.name} and the units below it. Items kept from the starting point keep their citation; items you reword record that ${unit.name} changed them; items you add cite no document and say that ${unit.name} added them.`}
    >
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack gap="lg">
          <Section id="start-from-heading" title="Start from">
            {versioning ? (
              <Text size="sm">
                {versioning.name} {versioning.version}, the latest version. The new version keeps its id ({versioning.id}); assessments already made keep the version they used.
              </Text>
            ) : (
              <NativeSelect
                label="Starting point"
                description="Changing it starts the form again"
                data={[...usable.map((i) => ({ value: instrumentRef(i), label: `A copy of ${i.name} (${i.version})` })), { value: BLANK, label: 'A blank instrument' }]}
                value={base ? instrumentRef(base) : BLANK}
                onChange={(e) => changeStart(e.currentTarget.value)}
                style={{ maxWidth: '40rem' }}
              />
            )}
          </Section>
          <Section id="about-heading" title="About the instrument">
            <Stack gap="sm" maw="40rem">
              <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} disabled={!!versioning} />
              <TextInput
                label="Id"
                description="Lowercase words joined by hyphens; assessments and roll-ups refer to it. It cannot change later."
                required
                value={effectiveId}
                onChange={(e) => {
                  setIdTouched(true);
                  setId(e.currentTarget.value);
                }}
                error={errors.id}
                disabled={!!versioning}
              />
              <TextInput label="Version" description="Year, month and a number: 2026.12.0" required value={version} onChange={(e) => setVersion(e.currentTarget.value)} error={errors.version} style={{ maxWidth: '14rem' }} />
              <Textarea label="Summary" description="Optional: what it is for" autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={errors.summary} />
              <Text size="sm" c="dimmed">
                Every item is rated on the same scale, so that roll-ups compare: {BENCHMARK_SCALE.map((p) => `${p.label} (${p.description.replace(/\.$/, '')})`).join('; ')}.
              </Text>
            </Stack>
          </Section>
          <Section id="items-heading" title={`Items (${items.length})`} testId="builder-items">
            <Stack gap="sm">
              <Text size="sm" data-testid="builder-summary">
                {items.length} items: {items.length - counts.added - counts.reworded} as {base ? 'the starting point has them' : 'added'}, {counts.reworded} reworded, {counts.added} added; {removed.length} left out.
              </Text>
              <Group gap="sm">
                <Button
                  variant="default"
                  onClick={() => {
                    setEditing(null);
                    itemDialog.open();
                  }}
                  disabled={areas.length === 0}
                >
                  Add an item
                </Button>
                <Button variant="default" onClick={areaDialog.open}>
                  Add an area
                </Button>
                {areas.length === 0 && <Text size="sm">Add an area first: every item belongs to one.</Text>}
              </Group>
              {areas.map((area) => {
                const inArea = items.filter((i) => i.area === area.key);
                const headingId = `builder-area-${area.key}`;
                return (
                  <Paper key={area.key} withBorder p="sm" radius="md" component="section" aria-labelledby={headingId}>
                    <Title order={3} id={headingId} size="h4">
                      {area.label}
                      {area.added ? ' (added)' : ''}
                    </Title>
                    <Text size="xs" c="dimmed" mb="xs">
                      {area.description} {inArea.length === 0 ? 'No items: an area with none is left out of the instrument.' : ''}
                    </Text>
                    <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                      {inArea.map((item) => (
                        <BuilderItem
                          key={item.key}
                          item={item}
                          onEdit={() => {
                            setEditing(item);
                            itemDialog.open();
                          }}
                          onLeaveOut={() => leaveOut(item)}
                        />
                      ))}
                    </Stack>
                  </Paper>
                );
              })}
            </Stack>
          </Section>
          {removed.length > 0 && (
            <Section id="left-out-heading" title={`Left out (${removed.length})`} testId="builder-left-out">
              <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {removed.map((item) => (
                  <Group component="li" key={item.key} justify="space-between" wrap="wrap" gap="xs">
                    <Text size="sm" id={`left-out-${item.key}`}>
                      {item.title}
                    </Text>
                    <Button size="xs" variant="default" onClick={() => putBack(item)} aria-describedby={`left-out-${item.key}`}>
                      Put back
                    </Button>
                  </Group>
                ))}
              </Stack>
            </Section>
          )}
          {formError && (
            <Alert color="red" variant="light" title="The instrument cannot be saved yet">
              {formError}
            </Alert>
          )}
          <ProblemAlert error={build.error} title="Could not save the instrument" />
          <Group gap="sm">
            <Button type="submit" loading={build.isPending}>
              Save the instrument
            </Button>
            <Button variant="default" onClick={() => void navigate({ to: '/units/$unitId/progress/instruments', params: { unitId: unit.id } })}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
      <ItemDialog
        key={`item-${itemDialog.key}`}
        opened={itemDialog.opened}
        onClose={itemDialog.close}
        item={editing}
        areas={areas}
        unitName={unit.name}
        takenKeys={takenKeys}
        onSave={(item) => {
          saveItem(item);
          announce(editing ? `Saved “${item.title}”.` : `Added “${item.title}”.`);
          itemDialog.close();
        }}
      />
      <AreaDialog
        key={`area-${areaDialog.key}`}
        opened={areaDialog.opened}
        onClose={areaDialog.close}
        takenKeys={new Set(areas.map((a) => a.key))}
        onSave={(area) => {
          setAreas((list) => [...list, area]);
          announce(`Added the area “${area.label}”. Add items to it.`);
          areaDialog.close();
        }}
      />
    </ProgressFrame>
  );
}

function BuilderItem({ item, onEdit, onLeaveOut }: { item: DraftItem; onEdit: () => void; onLeaveOut: () => void }) {
  const titleId = `builder-item-${item.key}`;
  const reworded = item.base && (item.title !== item.base.title || item.area !== item.base.area || item.phase !== item.base.phase || item.evidence !== item.base.evidence);
  return (
    <li data-testid="builder-item">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div style={{ flex: '1 1 20rem' }}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={600} id={titleId}>
              {item.title}
            </Text>
            {!item.base ? (
              <Badge size="sm" variant="light" color="blue">
                Added
              </Badge>
            ) : reworded ? (
              <Badge size="sm" variant="light" color="orange">
                Reworded
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {phaseWords(item.phase)}. Evidence: {item.evidence}
          </Text>
          {item.base?.source && (
            <Text size="xs" c="dimmed">
              Source: {formatCitation(item.base.source)}
            </Text>
          )}
          {item.base?.addedBy && (
            <Text size="xs" c="dimmed">
              Added by {item.base.addedBy}.
            </Text>
          )}
        </div>
        <Group gap={6}>
          <Button size="xs" variant="default" onClick={onEdit} aria-describedby={titleId}>
            {item.base ? 'Reword' : 'Edit'}
          </Button>
          <Button size="xs" variant="default" onClick={onLeaveOut} aria-describedby={titleId}>
            {item.base ? 'Leave out' : 'Remove'}
          </Button>
        </Group>
      </Group>
    </li>
  );
}

interface ItemDialogProps {
  opened: boolean;
  onClose: () => void;
  item: DraftItem | null;
  areas: DraftArea[];
  unitName: string;
  takenKeys: Set<string>;
  onSave: (item: DraftItem) => void;
}

function ItemDialog({ opened, onClose, item, areas, unitName, takenKeys, onSave }: ItemDialogProps) {
  const [title, setTitle] = useState(item?.title ?? '');
  const [area, setArea] = useState(item?.area ?? areas[0]?.key ?? '');
  const [phase, setPhase] = useState<string>(item?.phase ?? '');
  const [evidence, setEvidence] = useState(item?.evidence ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnErrors(formRef, errors);
  const submit = () => {
    const e: FieldErrors = {};
    if (!title.trim()) e.title = 'Must not be empty';
    if (!evidence.trim()) e.evidence = 'Must not be empty: say what counts as evidence';
    if (!areas.some((a) => a.key === area)) e.area = 'Choose an area';
    setErrors(e);
    if (Object.keys(e).length) return;
    const fields = { title: title.trim(), area, phase: (phase || null) as PlanPhase | null, evidence: evidence.trim() };
    onSave(item ? { ...item, ...fields } : { key: uniqueKey(fields.title, takenKeys), base: null, ...fields });
  };
  const fromBase = item?.base ?? null;
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={item ? (fromBase ? 'Reword the item' : 'Edit the item') : 'Add an item'}
      submitLabel={item ? 'Keep the change' : 'Add the item'}
      pending={false}
      error={null}
      errorTitle="The item cannot be kept"
      onSubmit={submit}
      formRef={formRef}
    >
      {fromBase ? (
        <Text size="sm">
          {fromBase.source ? `It keeps its citation (${formatCitation(fromBase.source)}) and` : 'It'} will say that {unitName} reworded it and what it said before.
        </Text>
      ) : (
        !item && <Text size="sm">An item you add cites no document; it says that {unitName} added it.</Text>
      )}
      <Textarea label="Item" description="Phrased as something that is in place" required autosize minRows={1} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} data-autofocus />
      <NativeSelect label="Area" required data={areas.map((a) => ({ value: a.key, label: a.label }))} value={area} onChange={(e) => setArea(e.currentTarget.value)} error={errors.area} />
      <NativeSelect
        label="Phase"
        data={[{ value: '', label: 'Every phase (runs through the work)' }, ...PLAN_PHASES.map((p) => ({ value: p, label: PLAN_PHASE_CATALOG[p].label }))]}
        value={phase}
        onChange={(e) => setPhase(e.currentTarget.value)}
      />
      <Textarea label="What counts as evidence" required autosize minRows={2} value={evidence} onChange={(e) => setEvidence(e.currentTarget.value)} error={errors.evidence} />
      <Text size="xs" c="dimmed">
        Rated on the four-point scale: {BENCHMARK_SCALE.map((p) => p.label).join(', ')}.
      </Text>
    </FormDialog>
  );
}

function AreaDialog({ opened, onClose, takenKeys, onSave }: { opened: boolean; onClose: () => void; takenKeys: Set<string>; onSave: (area: DraftArea) => void }) {
  const [label, setLabel] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnErrors(formRef, errors);
  const submit = () => {
    const e: FieldErrors = {};
    if (!label.trim()) e.label = 'Must not be empty';
    if (!description.trim()) e.description = 'Must not be empty: say what the area covers';
    setErrors(e);
    if (Object.keys(e).length) return;
    onSave({ key: uniqueKey(label, takenKeys).replace(/-/g, '_'), label: label.trim(), description: description.trim(), added: true });
  };
  return (
    <FormDialog opened={opened} onClose={onClose} title="Add an area" submitLabel="Add the area" pending={false} error={null} errorTitle="The area cannot be added" onSubmit={submit} formRef={formRef}>
      <TextInput label="Area" required value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={errors.label} data-autofocus />
      <Textarea label="What it covers" required autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
    </FormDialog>
  );
}
