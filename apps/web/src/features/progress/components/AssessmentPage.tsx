// One benchmark assessment: every item of the instrument, grouped by area, rated on the four-point
// scale with evidence notes and links. Each change is saved at once (with the version it was loaded
// at: if someone else saved first, the page says so and offers their ratings). "x of 39 rated"
// shows how far it has got; it is submitted once every item is rated, and is read-only after.
import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, MultiSelect, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BENCHMARK_ASSESSMENT_STATUS_LABELS,
  BENCHMARK_DEFAULT_INSTRUMENT,
  BENCHMARK_RATING_LABELS,
  BENCHMARK_SCALE,
  benchmarkItemsByArea,
  formatCitation,
  type BenchmarkInstrument,
  type BenchmarkItem,
  type BenchmarkRating,
} from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormDialog } from '../../../components/FormDialog';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { api } from '../../../lib/api';
import { describeError, isProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useDialog } from '../../../lib/useDialog';
import { useSession } from '../../../lib/session';
import { unitPeopleQuery } from '../api/instrumentQueries';
import { useSubmitAssessment } from '../api/progressMutations';
import { assessmentPath, assessmentQuery, instrumentsQuery, progressKeys, type AssessmentRecord, type BenchmarkRatingRecord } from '../api/progressQueries';
import { ProgressFrame } from './ProgressFrame';
import { WithUnit } from './WithUnit';
import { formatDateTime } from '../../../lib/format';
import { periodLabel } from './labels';

export function AssessmentPage({ assessmentId }: { assessmentId: string }) {
  const assessment = useQuery(assessmentQuery(assessmentId));
  if (assessment.isPending) return <Loading label="Loading the assessment…" />;
  if (assessment.isError) return isProblem(assessment.error, 404) ? <NotFoundMessage what="assessment" /> : <ProblemAlert error={assessment.error} title="Could not load the assessment" />;
  return (
    <WithUnit unitId={assessment.data.unitId}>
      {({ unit, mayRecord }) => <InstrumentGate assessment={assessment.data} unit={unit} mayRecord={mayRecord} />}
    </WithUnit>
  );
}

function InstrumentGate({ assessment, unit, mayRecord }: { assessment: AssessmentRecord; unit: Parameters<typeof ProgressFrame>[0]['unit']; mayRecord: boolean }) {
  const isDefault = assessment.instrumentId === BENCHMARK_DEFAULT_INSTRUMENT.id && assessment.instrumentVersion === BENCHMARK_DEFAULT_INSTRUMENT.version;
  const instruments = useQuery({ ...instrumentsQuery(unit.id), enabled: !isDefault });
  if (isDefault) return <Assessment initial={assessment} unit={unit} instrument={BENCHMARK_DEFAULT_INSTRUMENT} mayRecord={mayRecord} />;
  if (instruments.isPending) return <Loading label="Loading the instrument…" />;
  if (instruments.isError) return <ProblemAlert error={instruments.error} title="Could not load the instrument" />;
  const found = instruments.data.benchmark.find((i) => i.id === assessment.instrumentId && i.version === assessment.instrumentVersion);
  if (!found) return <ProblemAlert error={new Error('The instrument of this assessment is not available here.')} title="Could not load the instrument" />;
  return <Assessment initial={assessment} unit={unit} instrument={found} mayRecord={mayRecord} />;
}

interface Draft {
  rating: BenchmarkRating | null;
  evidence: string;
  links: string;
}

const draftOf = (r: BenchmarkRatingRecord | undefined): Draft => ({ rating: r?.rating ?? null, evidence: r?.evidence ?? '', links: (r?.links ?? []).map((l) => l.url).join('\n') });

const draftsOf = (a: AssessmentRecord, instrument: BenchmarkInstrument) => {
  const byKey = new Map(a.ratings.map((r) => [r.itemKey, r]));
  return Object.fromEntries(instrument.items.map((i) => [i.key, draftOf(byKey.get(i.key))])) as Record<string, Draft>;
};

const linkLines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const badLink = (text: string) => linkLines(text).find((l) => !/^https?:\/\/[^\s]+\.[^\s]+/i.test(l));

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string; itemKey: string } | { kind: 'stale' };

function Assessment({ initial, unit, instrument, mayRecord }: { initial: AssessmentRecord; unit: Parameters<typeof ProgressFrame>[0]['unit']; instrument: BenchmarkInstrument; mayRecord: boolean }) {
  usePageTitle(`Benchmark assessment ${initial.period} · ${unit.name}`);
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [record, setRecord] = useState(initial);
  const [drafts, setDrafts] = useState(() => draftsOf(initial, instrument));
  const [linkErrors, setLinkErrors] = useState<Record<string, string>>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const version = useRef(initial.version);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);
  const stale = useRef(false);
  const submit = useSubmitAssessment(initial.id);
  // The progress bar stays in view while rating, except on a phone, where it would hide too much.
  const wide = useMediaQuery('(min-width: 48em)');

  const frozen = record.status === 'submitted' || !mayRecord;
  const rated = instrument.items.filter((i) => drafts[i.key]?.rating).length;
  const total = instrument.items.length;
  const complete = rated === total;

  // Leaving the page while a save is under way would lose it: the browser asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (pending.current > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  /** Saves one item as it now stands, after any save already under way (each needs the version the one before returned). */
  const saveItem = (itemKey: string, draft: Draft) => {
    if (!draft.rating || stale.current) return;
    const links = linkLines(draft.links).map((url) => ({ url }));
    const body = { ratings: [{ itemKey, rating: draft.rating, evidence: draft.evidence.trim() === '' ? null : draft.evidence.trim(), links }] };
    pending.current += 1;
    setSave({ kind: 'saving' });
    queue.current = queue.current.then(async () => {
      if (stale.current) return;
      try {
        const saved = await api<AssessmentRecord>(assessmentPath(initial.id), { method: 'PATCH', body: { version: version.current, ...body } });
        version.current = saved.version;
        setRecord(saved);
        queryClient.setQueryData(assessmentQuery(initial.id).queryKey, saved);
        if (pending.current === 1) setSave({ kind: 'saved', at: saved.updatedAt });
      } catch (e) {
        if (isProblem(e, 409)) {
          stale.current = true;
          setSave({ kind: 'stale' });
        } else setSave({ kind: 'failed', message: describeError(e), itemKey });
      } finally {
        pending.current -= 1;
      }
    });
  };

  /** Names the team and the note, after any save under way (with the version it returned). */
  const saveTeam = (assessorIds: string[], note: string | null) =>
    new Promise<AssessmentRecord>((resolve, reject) => {
      queue.current = queue.current.then(async () => {
        try {
          if (stale.current) throw new Error('Someone else saved this assessment: reload the latest ratings first.');
          const saved = await api<AssessmentRecord>(assessmentPath(initial.id), { method: 'PATCH', body: { version: version.current, assessorIds, note } });
          version.current = saved.version;
          setRecord(saved);
          queryClient.setQueryData(assessmentQuery(initial.id).queryKey, saved);
          void queryClient.invalidateQueries({ queryKey: progressKeys.unit(saved.unitId) });
          resolve(saved);
        } catch (e) {
          if (isProblem(e, 409)) {
            stale.current = true;
            setSave({ kind: 'stale' });
          }
          reject(e);
        }
      });
    });
  const team = useDialog();

  const change = (itemKey: string, patch: Partial<Draft>, saveNow: boolean) => {
    const next = { ...drafts[itemKey]!, ...patch };
    setDrafts((d) => ({ ...d, [itemKey]: next }));
    if (saveNow) saveItem(itemKey, next);
  };

  const saveNotes = (itemKey: string) => {
    const d = drafts[itemKey]!;
    const bad = badLink(d.links);
    setLinkErrors((e) => ({ ...e, [itemKey]: bad ? `“${bad}” is not a web address: start it with https:// or http://` : '' }));
    if (bad) return;
    // Compare with what the server holds, so that tabbing through saves nothing.
    const held = draftOf(record.ratings.find((r) => r.itemKey === itemKey));
    if (d.rating && (d.evidence.trim() !== held.evidence || linkLines(d.links).join('\n') !== held.links)) saveItem(itemKey, d);
  };

  const reload = async () => {
    const fresh = await api<AssessmentRecord>(assessmentPath(initial.id));
    version.current = fresh.version;
    stale.current = false;
    setRecord(fresh);
    setDrafts(draftsOf(fresh, instrument));
    setSave({ kind: 'idle' });
    void queryClient.invalidateQueries({ queryKey: progressKeys.all });
  };

  const doSubmit = () => {
    void queue.current.then(() => {
      if (stale.current) return setConfirming(false);
      submit.mutate(version.current, {
        onSuccess: (saved) => {
          version.current = saved.version;
          setRecord(saved);
          queryClient.setQueryData(assessmentQuery(initial.id).queryKey, saved);
          setConfirming(false);
          announce(`Submitted the ${saved.period} assessment of ${unit.name}.`);
        },
      });
    });
  };

  const missingTitles = instrument.items.filter((i) => !drafts[i.key]?.rating).map((i) => i.title);

  return (
    <ProgressFrame
      unit={unit}
      section="benchmarks"
      crumb={`Assessment ${record.period}`}
      title={`Benchmark assessment ${record.period}: ${unit.name}`}
      badges={
        <Badge variant="light" color={record.status === 'submitted' ? 'trellis' : 'gray'} data-testid="assessment-status">
          {BENCHMARK_ASSESSMENT_STATUS_LABELS[record.status]}
        </Badge>
      }
      description={`${instrument.name} (version ${instrument.version}), for ${periodLabel(record.period)}.`}
    >
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="team-heading" data-testid="assessment-team">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4} style={{ flex: '1 1 20rem' }}>
            <Title order={2} size="h4" id="team-heading">
              Who assessed
            </Title>
            <Text size="sm" data-testid="assessors">
              {record.assessors.length ? record.assessors.map((p) => p.name).join(', ') : 'No one named yet.'}
            </Text>
            <Text size="sm" data-testid="assessment-note">
              {record.note ? `Note: ${record.note}` : 'No overall note.'}
            </Text>
          </Stack>
          {!frozen && (
            <Button variant="default" onClick={team.open} disabled={save.kind === 'stale'}>
              Name the team and note
            </Button>
          )}
        </Group>
      </Paper>
      <Paper withBorder p="md" radius="md" style={wide ? { position: 'sticky', top: 64, zIndex: 2 } : undefined} component="section" aria-label="How far the assessment has got">
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text fw={600} data-testid="rated-count">
              {rated} of {total} rated
            </Text>
            <Text size="sm" role="status" data-testid="save-state">
              {save.kind === 'saving' ? 'Saving…' : save.kind === 'saved' ? `All changes saved (${formatDateTime(save.at)}).` : ''}
            </Text>
          </Group>
          {save.kind === 'failed' && (
            <Alert color="red" variant="light" title="Could not save a rating">
              {save.message} Your choice is still on the page; change it or try again.
            </Alert>
          )}
          {save.kind === 'stale' && (
            <Alert color="red" variant="light" title="Someone else saved this assessment" data-testid="stale-alert">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">Another member of the team saved ratings since you opened this page. Reload to see their ratings, then carry on; your last choice was not saved.</Text>
                <Button size="xs" variant="default" onClick={() => void reload()}>
                  Reload the latest ratings
                </Button>
              </Stack>
            </Alert>
          )}
          {record.status === 'submitted' ? (
            <Text size="sm" data-testid="submitted-note">
              Submitted{record.submittedAt ? ` on ${formatDateTime(record.submittedAt)}` : ''}. A submitted assessment is final: it is read-only and counts in the roll-ups.
            </Text>
          ) : mayRecord ? (
            <Group gap="sm" wrap="wrap" align="center">
              <Button onClick={() => setConfirming(true)} disabled={!complete || save.kind === 'stale'} aria-describedby="submit-why">
                Submit the assessment
              </Button>
              <Text size="sm" id="submit-why" c={complete ? undefined : 'dimmed'}>
                {complete
                  ? 'Every item is rated. Submitting makes it final.'
                  : `Submitting is possible once every item is rated: ${total - rated} to go${missingTitles.length <= 3 ? ` (${missingTitles.join('; ')})` : ''}. Ratings are saved as you go.`}
              </Text>
            </Group>
          ) : (
            <Text size="sm">You may read this assessment; members of {unit.name} and the units above rate it.</Text>
          )}
        </Stack>
      </Paper>
      <Text size="sm" c="dimmed">
        The scale: {BENCHMARK_SCALE.map((p) => `${p.label} — ${p.description}`).join(' ')}
      </Text>
      {benchmarkItemsByArea(instrument).map(({ area, items }) => {
        const areaRated = items.filter((i) => drafts[i.key]?.rating).length;
        return (
          <Paper key={area.key} withBorder p="md" radius="md" component="section" aria-labelledby={`area-${area.key}`}>
            <Title order={2} id={`area-${area.key}`}>
              {area.label}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {area.description} {areaRated} of {items.length} rated.
            </Text>
            <Stack gap="lg">
              {items.map((item) => (
                <ItemRating
                  key={item.key}
                  item={item}
                  draft={drafts[item.key]!}
                  frozen={frozen}
                  linkError={linkErrors[item.key] || undefined}
                  onRate={(rating) => change(item.key, { rating }, true)}
                  onNotes={(patch) => change(item.key, patch, false)}
                  onNotesDone={() => saveNotes(item.key)}
                />
              ))}
            </Stack>
          </Paper>
        );
      })}
      <TeamDialog key={team.key} opened={team.opened} onClose={team.close} record={record} unitId={unit.id} unitName={unit.name} onSave={saveTeam} />
      <ConfirmDialog
        opened={confirming}
        title={`Submit the ${record.period} assessment?`}
        confirmLabel="Submit"
        pending={submit.isPending}
        error={submit.error}
        onConfirm={doSubmit}
        onClose={() => setConfirming(false)}
        onReload={() => void reload().then(() => setConfirming(false))}
      >
        All {total} items are rated. Once submitted the assessment is final: no one can change it, and it counts in the roll-ups of {unit.name} and the units above.
      </ConfirmDialog>
    </ProgressFrame>
  );
}

interface ItemProps {
  item: BenchmarkItem;
  draft: Draft;
  frozen: boolean;
  linkError: string | undefined;
  onRate: (rating: BenchmarkRating) => void;
  onNotes: (patch: Partial<Draft>) => void;
  onNotesDone: () => void;
}

function ItemRating({ item, draft, frozen, linkError, onRate, onNotes, onNotesDone }: ItemProps) {
  const id = `item-${item.key}`;
  const guidance = `Evidence: ${item.evidence}${item.source ? ` Source: ${formatCitation(item.source)}.` : ''}`;
  if (frozen) {
    return (
      <div data-testid="benchmark-item">
        <Text fw={600}>{item.title}</Text>
        <Text size="sm">Rating: {draft.rating ? BENCHMARK_RATING_LABELS[draft.rating] : 'not rated'}</Text>
        {draft.evidence && <Text size="sm">Evidence noted: {draft.evidence}</Text>}
        {linkLines(draft.links).map((url) => (
          <Text size="sm" key={url}>
            <a href={url} target="_blank" rel="noreferrer noopener">
              {url}
            </a>
          </Text>
        ))}
      </div>
    );
  }
  return (
    <Stack gap="xs" data-testid="benchmark-item">
      <Radio.Group name={id} label={item.title} description={guidance} value={draft.rating ?? ''} onChange={(v) => onRate(v as BenchmarkRating)}>
        <Group gap="md" mt="xs" wrap="wrap">
          {BENCHMARK_SCALE.map((p) => (
            <Radio key={p.key} value={p.key} label={p.label} />
          ))}
        </Group>
      </Radio.Group>
      <Group grow align="flex-start" gap="sm" wrap="wrap" style={{ rowGap: 8 }}>
        <Textarea
          label="Evidence notes"
          description={draft.rating ? 'Saved when you leave the box' : 'Saved with the rating: choose one above'}
          autosize
          minRows={1}
          maxRows={6}
          value={draft.evidence}
          onChange={(e) => onNotes({ evidence: e.currentTarget.value })}
          onBlur={onNotesDone}
          style={{ minWidth: '14rem' }}
        />
        <Textarea
          label="Links to evidence"
          description="One web address a line"
          autosize
          minRows={1}
          maxRows={6}
          value={draft.links}
          onChange={(e) => onNotes({ links: e.currentTarget.value })}
          onBlur={onNotesDone}
          error={linkError}
          style={{ minWidth: '14rem' }}
        />
      </Group>
    </Stack>
  );
}

/** The people who assessed together (from the unit's people) and an overall note. */
function TeamDialog({ opened, onClose, record, unitId, unitName, onSave }: { opened: boolean; onClose: () => void; record: AssessmentRecord; unitId: string; unitName: string; onSave: (assessorIds: string[], note: string | null) => Promise<AssessmentRecord> }) {
  const session = useSession();
  const people = useQuery(unitPeopleQuery(unitId));
  const announce = useAnnounce();
  const [ids, setIds] = useState(() => record.assessors.map((p) => p.id));
  const [note, setNote] = useState(record.note ?? '');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  // The unit's people, and anyone already on the team from elsewhere (a district leader who rated).
  const options = new Map<string, string>();
  for (const p of record.assessors) options.set(p.id, p.name);
  for (const p of people.data?.people ?? []) options.set(p.id, `${p.name}${p.title ? `, ${p.title}` : ''}`);
  if (!options.has(session.person.id)) options.set(session.person.id, session.person.name);
  const submit = () => {
    setPending(true);
    setError(null);
    onSave(ids, note.trim() === '' ? null : note.trim()).then(
      (saved) => {
        setPending(false);
        announce(`Saved the team: ${saved.assessors.map((p) => p.name).join(', ')}.`);
        onClose();
      },
      (e: unknown) => {
        setPending(false);
        setError(e);
      },
    );
  };
  return (
    <FormDialog opened={opened} onClose={onClose} title="Who assessed" submitLabel="Save the team" pending={pending} error={error} errorTitle="Could not save the team" onSubmit={submit}>
      <Text size="sm">Name everyone who took part in rating {unitName}. Whoever saves a rating joins the team, so you stay on it when you save.</Text>
      <MultiSelect
        label="Assessors"
        description={people.isPending ? 'Loading the people of the unit…' : `People of ${unitName}; type to find one`}
        data={[...options].map(([value, label]) => ({ value, label }))}
        value={ids}
        onChange={setIds}
        searchable
        clearable
        placeholder={ids.length ? undefined : 'Choose people'}
        comboboxProps={{ withinPortal: true }}
        data-autofocus
      />
      <Textarea label="Overall note" description="Optional: how the team went about it, what to look at next time" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
    </FormDialog>
  );
}
