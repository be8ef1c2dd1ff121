// Adding or changing a plan task: WHAT (title), WHO (people and mechanisms), HOW, WHEN (start and
// due), phase, status (blocked needs a reason), dependencies, evidence and links. While the plan is
// under review or approved only the progress fields (status, evidence, links) can change, and the
// dialog says why. A change sends the version it loaded; after someone else saved first it offers
// the latest version.
import { useState } from 'react';
import { Alert, Button, Group, List, MultiSelect, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { PLAN_PHASE_CATALOG, PLAN_PHASES, PlanTaskCreate, PlanTaskUpdate, TASK_STATUS_LABELS, TASK_STATUSES, type PlanPhase, type TaskStatus } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { PersonPicker } from '../../../components/PersonPicker';
import type { SearchOption } from '../../../components/SearchSelect';
import { api } from '../../../lib/api';
import { orNull, type FieldErrors } from '../../../lib/forms';
import { useDialogForm } from '../../../lib/useDialogForm';
import { useCreateTask, useUpdateTask } from '../api/planMutations';
import { planPath, type Named, type OutlineTask, type PlanDetail, type PlanTaskLink } from '../api/planQueries';

interface Values {
  title: string;
  how: string;
  people: SearchOption[];
  mechanismIds: string[];
  startOn: string;
  dueOn: string;
  phase: PlanPhase | '';
  status: TaskStatus;
  blockedReason: string;
  dependsOn: string[];
  evidence: string;
  links: string;
}

const linksText = (links: PlanTaskLink[]) => links.map((l) => (l.label ? `${l.url} ${l.label}` : l.url)).join('\n');

/** One link a line: the address, then optionally a few words naming it. */
const parseLinks = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [url, ...rest] = l.split(/\s+/);
      return rest.length ? { url: url!, label: rest.join(' ') } : { url: url! };
    });

function valuesOf(t: OutlineTask | null, parentPhase: PlanPhase | null): Values {
  return {
    title: t?.title ?? '',
    how: t?.how ?? '',
    people: (t?.people ?? []).map((p: Named) => ({ value: p.id, label: p.name })),
    mechanismIds: (t?.mechanisms ?? []).map((m) => m.id),
    startOn: t?.startOn ?? '',
    dueOn: t?.dueOn ?? '',
    phase: t ? (t.phase ?? '') : (parentPhase ?? ''),
    status: t?.status ?? 'not_started',
    blockedReason: t?.blockedReason ?? '',
    dependsOn: t?.dependsOn ?? [],
    evidence: t?.evidence ?? '',
    links: linksText(t?.links ?? []),
  };
}

/** The first message under a list field: `links.2.url` shows under Links. */
const under = (errors: FieldErrors, field: string) => errors[field] ?? Object.entries(errors).find(([k]) => k.startsWith(`${field}.`))?.[1];

interface Props {
  plan: PlanDetail;
  /** The task to change; null to add one (under `parent`, or at the top). */
  task: OutlineTask | null;
  parent: OutlineTask | null;
  mechanisms: Named[];
  opened: boolean;
  onClose: () => void;
  /** A status already chosen in the outline (blocked, which needs its reason here). */
  presetStatus?: TaskStatus | undefined;
}

export function TaskDialog({ plan, task, parent, mechanisms, opened, onClose, presetStatus }: Props) {
  const create = useCreateTask(plan.id);
  const update = useUpdateTask(task?.id);
  const mutation = task ? update : create;
  const form = useDialogForm(onClose);
  const [values, setValues] = useState<Values>(() => ({ ...valuesOf(task, parent?.phase ?? null), ...(presetStatus ? { status: presetStatus } : {}) }));
  const [version, setVersion] = useState(task?.version ?? 0);
  const [pickerKey, setPickerKey] = useState(0);
  const change = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const planning = plan.permissions.edit;
  const e = form.errors;
  const label = task ? `${task.number} ${task.title}` : '';

  const submit = () => {
    const progress = {
      status: values.status,
      blockedReason: values.status === 'blocked' ? orNull(values.blockedReason) : null,
      evidence: orNull(values.evidence),
      links: parseLinks(values.links),
    };
    if (!task) {
      form.send(
        PlanTaskCreate,
        {
          parentId: parent?.id ?? null,
          title: values.title,
          how: orNull(values.how),
          personIds: values.people.map((p) => p.value),
          mechanismIds: values.mechanismIds,
          startOn: orNull(values.startOn),
          dueOn: orNull(values.dueOn),
          phase: values.phase || null,
          dependsOn: values.dependsOn,
          ...progress,
        },
        (input) => create.mutateAsync(input),
        (saved) => `Added the task ${saved.title}.`,
      );
      return;
    }
    const body = planning
      ? {
          version,
          title: values.title,
          how: orNull(values.how),
          personIds: values.people.map((p) => p.value),
          mechanismIds: values.mechanismIds,
          startOn: orNull(values.startOn),
          dueOn: orNull(values.dueOn),
          phase: values.phase || null,
          dependsOn: values.dependsOn,
          ...progress,
        }
      : { version, ...progress };
    form.send(PlanTaskUpdate, body, (input) => update.mutateAsync(input), (saved) => `Saved the task ${saved.title}.`);
  };

  const reload = task
    ? form.reloader(
        update,
        async () => (await api<PlanDetail>(planPath(plan.id))).tasks.find((t) => t.id === task.id),
        (fresh) => {
          setValues(valuesOf(fresh, null));
          setVersion(fresh.version);
        },
      )
    : undefined;

  const others = plan.tasks.filter((t) => t.id !== task?.id);
  const frozenWhy =
    plan.status === 'approved'
      ? 'This plan is approved and frozen: WHAT, WHO, HOW, WHEN, phase and dependencies change only in a new version. You can still record progress here: status, evidence and links.'
      : plan.status === 'submitted'
        ? 'This plan is submitted for approval, so its planning cannot change while it is reviewed (withdraw it to draft to change it). You can still record progress: status, evidence and links.'
        : plan.status === 'superseded'
          ? 'A newer version of this plan was approved; this one is kept as it was.'
          : null;

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={task ? `Task ${label}` : parent ? `Add a task under ${parent.number} ${parent.title}` : 'Add a task'}
      submitLabel={task ? 'Save the task' : 'Add the task'}
      pending={mutation.isPending}
      error={mutation.error}
      errorTitle={task ? 'Could not save the task' : 'Could not add the task'}
      onSubmit={submit}
      {...(reload ? { onReload: reload } : {})}
      formRef={form.formRef}
      size="xl"
    >
      {frozenWhy && (
        <Alert color="blue" variant="light" title="Only progress can change" data-testid="frozen-note">
          {frozenWhy}
        </Alert>
      )}
      <Textarea label="Task (WHAT)" required autosize minRows={1} disabled={!planning} data-autofocus={planning || undefined} value={values.title} onChange={(ev) => change({ title: ev.currentTarget.value })} error={e.title} />
      <Stack gap={6}>
        <Text size="sm" fw={500} id="who-label">
          WHO: people
        </Text>
        {values.people.length === 0 ? (
          <Text size="sm" c="dimmed">
            No one named yet.
          </Text>
        ) : (
          <List spacing={4} aria-labelledby="who-label" listStyleType="none" data-testid="who-people">
            {values.people.map((p) => (
              <List.Item key={p.value}>
                <Group gap="xs">
                  <Text size="sm">{p.label}</Text>
                  {planning && (
                    <Button size="compact-xs" variant="default" aria-label={`Remove ${p.label} from WHO`} onClick={() => change({ people: values.people.filter((x) => x.value !== p.value) })}>
                      Remove
                    </Button>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        {planning && (
          <PersonPicker
            key={pickerKey}
            label="Add a person to WHO"
            value={null}
            error={under(e, 'personIds')}
            onChange={(o) => {
              if (o && !values.people.some((p) => p.value === o.value)) change({ people: [...values.people, { value: o.value, label: o.label.replace(/ \(.*\)$/, '') }] });
              setPickerKey((k) => k + 1);
            }}
            data-testid="who-person-picker"
          />
        )}
      </Stack>
      <MultiSelect
        label="WHO: teams and work groups"
        description={mechanisms.length ? undefined : 'This unit has no mechanisms yet.'}
        data={mechanisms.map((m) => ({ value: m.id, label: m.name }))}
        value={values.mechanismIds}
        onChange={(ids) => change({ mechanismIds: ids })}
        disabled={!planning}
        searchable
        clearable
        placeholder={values.mechanismIds.length ? undefined : 'Choose a team or work group'}
        error={under(e, 'mechanismIds')}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea label="HOW" description="How the task will be carried out" autosize minRows={2} disabled={!planning} value={values.how} onChange={(ev) => change({ how: ev.currentTarget.value })} error={e.how} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="WHEN: start" type="date" disabled={!planning} value={values.startOn} onChange={(ev) => change({ startOn: ev.currentTarget.value })} error={e.startOn} />
        <TextInput label="WHEN: due" type="date" disabled={!planning} value={values.dueOn} onChange={(ev) => change({ dueOn: ev.currentTarget.value })} error={e.dueOn} />
        <NativeSelect
          label="Phase"
          disabled={!planning}
          value={values.phase}
          onChange={(ev) => change({ phase: ev.currentTarget.value as PlanPhase | '' })}
          data={[{ value: '', label: 'No phase' }, ...PLAN_PHASES.map((p) => ({ value: p, label: PLAN_PHASE_CATALOG[p].label }))]}
          error={e.phase}
        />
      </SimpleGrid>
      <MultiSelect
        label="Waits for (dependencies)"
        description="Tasks of this plan that must be done first"
        data={others.map((t) => ({ value: t.id, label: `${t.number} ${t.title}`.slice(0, 120) }))}
        value={values.dependsOn}
        onChange={(ids) => change({ dependsOn: ids })}
        disabled={!planning}
        searchable
        clearable
        placeholder={values.dependsOn.length ? undefined : 'Choose tasks'}
        error={under(e, 'dependsOn')}
        comboboxProps={{ withinPortal: true }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect label="Status" data-autofocus={!planning || undefined} value={values.status} onChange={(ev) => change({ status: ev.currentTarget.value as TaskStatus })} data={TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))} error={e.status} />
        {values.status === 'blocked' && (
          <TextInput label="What blocks it" required value={values.blockedReason} onChange={(ev) => change({ blockedReason: ev.currentTarget.value })} error={e.blockedReason} />
        )}
      </SimpleGrid>
      <Textarea label="Evidence" description="What shows the task was done: minutes, a report, a decision" autosize minRows={2} value={values.evidence} onChange={(ev) => change({ evidence: ev.currentTarget.value })} error={e.evidence} />
      <Textarea
        label="Links"
        description="One a line: the web address (https://…), then optionally a few words naming it"
        autosize
        minRows={2}
        value={values.links}
        onChange={(ev) => change({ links: ev.currentTarget.value })}
        error={under(e, 'links')}
      />
    </FormDialog>
  );
}
