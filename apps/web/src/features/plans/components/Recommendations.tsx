// Recommendations at a unit (from work groups): what, why, on which subject, to whom submitted,
// and the decision with its date. Members submit them; the authority (the unit's superintendent
// and governing body, or a leader) records the decision.
import { useState } from 'react';
import { Badge, Button, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  PLAN_RECOMMENDATION_DECISIONS,
  PLAN_RECOMMENDATION_SUBJECT_LABELS,
  PLAN_RECOMMENDATION_SUBJECTS,
  PlanRecommendationCreate,
  PlanRecommendationDecide,
  type PlanRecommendationDecision,
  type PlanRecommendationSubject,
} from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { api } from '../../../lib/api';
import { orNull } from '../../../lib/forms';
import { useDialog } from '../../../lib/useDialog';
import { useDialogForm } from '../../../lib/useDialogForm';
import { useCreateRecommendation, useDecideRecommendation } from '../api/planMutations';
import { planMechanismsQuery, recommendationsQuery, unitPlanTasksQuery, type PlanWithProgress, type RecommendationRecord } from '../api/planQueries';
import { formatDay, todayIso } from './labels';

const DECISION_LABELS: Record<PlanRecommendationDecision, string> = { accepted: 'Accepted', declined: 'Declined', deferred: 'Deferred' };

export function Recommendations({ unitId, plans, mayEdit }: { unitId: string; plans: PlanWithProgress[]; mayEdit: boolean }) {
  const list = useQuery(recommendationsQuery(unitId));
  const submitDialog = useDialog();
  const decideDialog = useDialog();
  const [deciding, setDeciding] = useState<RecommendationRecord | null>(null);
  if (list.isPending) return <Loading label="Loading the recommendations…" />;
  if (list.isError) return <ProblemAlert error={list.error} title="Could not load the recommendations" />;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Work groups recommend changes to policies, operational infrastructure, programs and initiatives, or how resources are deployed; the
        superintendent (a principal, for a school) decides.
      </Text>
      {mayEdit && (
        <Group>
          <Button variant="default" onClick={submitDialog.open}>
            Submit a recommendation
          </Button>
        </Group>
      )}
      {list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No recommendations yet.
        </Text>
      ) : (
        list.data.map((r) => (
          <Paper key={r.id} withBorder p="sm" data-testid="recommendation">
            <Stack gap={4}>
              <Group gap="xs">
                <Text fw={600}>{r.title}</Text>
                <Badge variant="outline" color="gray.8" size="sm">
                  {PLAN_RECOMMENDATION_SUBJECT_LABELS[r.subject]}
                </Badge>
                <Badge variant="filled" color={r.decision === 'accepted' ? 'trellis.7' : r.decision === 'declined' ? 'red.9' : 'gray.7'} size="sm">
                  {r.decision ? `${DECISION_LABELS[r.decision]} ${formatDay(r.decidedOn)}` : 'Awaiting a decision'}
                </Badge>
              </Group>
              <Text size="sm">{r.rationale}</Text>
              <Text size="sm" c="dimmed">
                Submitted {formatDay(r.submittedOn)} to {r.authority}
                {r.authorityPersonName ? ` (${r.authorityPersonName})` : ''}
                {r.fromMechanismName ? ` by ${r.fromMechanismName}` : ''}.{r.taskIds.length ? ` Carried out by ${r.taskIds.length} task${r.taskIds.length === 1 ? '' : 's'}.` : ''}
              </Text>
              {r.decisionNote && <Text size="sm">Decision note: {r.decisionNote}</Text>}
              {r.mayDecide && (r.decision === null || r.decision === 'deferred') && (
                <Group>
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={`Record the decision on ${r.title}`}
                    onClick={() => {
                      setDeciding(r);
                      decideDialog.open();
                    }}
                  >
                    Record the decision
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        ))
      )}
      <SubmitDialog key={`s${submitDialog.key}`} unitId={unitId} plans={plans} opened={submitDialog.opened} onClose={submitDialog.close} />
      {deciding && <DecideDialog key={`d${decideDialog.key}`} unitId={unitId} recommendation={deciding} opened={decideDialog.opened} onClose={decideDialog.close} />}
    </Stack>
  );
}

function SubmitDialog({ unitId, plans, opened, onClose }: { unitId: string; plans: PlanWithProgress[]; opened: boolean; onClose: () => void }) {
  const create = useCreateRecommendation();
  const mechanisms = useQuery(planMechanismsQuery(unitId));
  const form = useDialogForm(onClose);
  const [v, setV] = useState({ subject: 'policy' as PlanRecommendationSubject, title: '', rationale: '', authority: 'Superintendent', planId: '', fromMechanismId: '' });
  const change = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const e = form.errors;
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Submit a recommendation"
      submitLabel="Submit the recommendation"
      pending={create.isPending}
      error={create.error}
      errorTitle="Could not submit the recommendation"
      formRef={form.formRef}
      onSubmit={() =>
        form.send(
          PlanRecommendationCreate,
          { unitId, subject: v.subject, title: v.title, rationale: v.rationale, submittedTo: { authority: v.authority }, planId: v.planId || null, fromMechanismId: v.fromMechanismId || null },
          (input) => create.mutateAsync(input),
          (r) => `Submitted the recommendation ${r.title}.`,
        )
      }
    >
      <NativeSelect label="Subject" value={v.subject} onChange={(ev) => change({ subject: ev.currentTarget.value as PlanRecommendationSubject })} data={PLAN_RECOMMENDATION_SUBJECTS.map((s) => ({ value: s, label: PLAN_RECOMMENDATION_SUBJECT_LABELS[s] }))} error={e.subject} />
      <TextInput label="Title" required value={v.title} onChange={(ev) => change({ title: ev.currentTarget.value })} error={e.title} />
      <Textarea label="Rationale" description="Why the change is recommended" required autosize minRows={3} value={v.rationale} onChange={(ev) => change({ rationale: ev.currentTarget.value })} error={e.rationale} />
      <TextInput label="Submitted to" description="Who decides, e.g. Superintendent, Principal, Board of Education" required value={v.authority} onChange={(ev) => change({ authority: ev.currentTarget.value })} error={e['submittedTo.authority']} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect label="From the plan (optional)" value={v.planId} onChange={(ev) => change({ planId: ev.currentTarget.value })} data={[{ value: '', label: 'None' }, ...plans.map((p) => ({ value: p.id, label: p.title }))]} error={e.planId} />
        <NativeSelect
          label="From the work group (optional)"
          value={v.fromMechanismId}
          onChange={(ev) => change({ fromMechanismId: ev.currentTarget.value })}
          data={[{ value: '', label: 'None' }, ...(mechanisms.data ?? []).map((m) => ({ value: m.id, label: m.name }))]}
          error={e.fromMechanismId}
        />
      </SimpleGrid>
    </FormDialog>
  );
}

function DecideDialog({ unitId, recommendation, opened, onClose }: { unitId: string; recommendation: RecommendationRecord; opened: boolean; onClose: () => void }) {
  const decide = useDecideRecommendation(recommendation.id);
  const form = useDialogForm(onClose);
  const [v, setV] = useState({ decision: 'accepted' as PlanRecommendationDecision, decidedOn: todayIso(), note: '', version: recommendation.version, taskIds: [] as string[] });
  const tasks = useQuery(unitPlanTasksQuery(unitId, 'open', false));
  const e = form.errors;
  const reload = form.reloader(
    decide,
    async () => (await api<RecommendationRecord[]>(`/api/units/${encodeURIComponent(unitId)}/plan-recommendations`)).find((r) => r.id === recommendation.id),
    (fresh) => setV((x) => ({ ...x, version: fresh.version })),
  );
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Decide: ${recommendation.title}`}
      submitLabel="Record the decision"
      pending={decide.isPending}
      error={decide.error}
      errorTitle="Could not record the decision"
      formRef={form.formRef}
      onReload={reload}
      onSubmit={() =>
        form.send(
          PlanRecommendationDecide,
          { version: v.version, decision: v.decision, decidedOn: v.decidedOn, note: orNull(v.note), taskIds: v.decision === 'accepted' ? v.taskIds : [] },
          (input) => decide.mutateAsync(input),
          (r) => `Recorded the decision on ${r.title}.`,
        )
      }
    >
      <NativeSelect label="Decision" value={v.decision} onChange={(ev) => setV({ ...v, decision: ev.currentTarget.value as PlanRecommendationDecision })} data={PLAN_RECOMMENDATION_DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] }))} error={e.decision} />
      <TextInput label="Decided on" type="date" required value={v.decidedOn} onChange={(ev) => setV({ ...v, decidedOn: ev.currentTarget.value })} error={e.decidedOn} />
      <Textarea label="Note (optional)" autosize minRows={2} value={v.note} onChange={(ev) => setV({ ...v, note: ev.currentTarget.value })} error={e.note} />
      {v.decision === 'accepted' && (
        <MultiSelect
          label="Tasks that carry it out (optional)"
          description="Open tasks of this unit’s plans"
          placeholder={v.taskIds.length ? undefined : 'Choose tasks'}
          data={(tasks.data ?? []).map((t) => ({ value: t.id, label: `${t.title} (${t.planTitle})`.slice(0, 150) }))}
          value={v.taskIds}
          onChange={(taskIds) => setV({ ...v, taskIds })}
          searchable
          clearable
          error={e.taskIds ?? Object.entries(e).find(([k]) => k.startsWith('taskIds.'))?.[1]}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </FormDialog>
  );
}
