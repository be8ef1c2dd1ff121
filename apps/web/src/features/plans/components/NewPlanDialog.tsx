// Starting a plan at a unit: its kind, a title, and a template to start from (only those written
// for this kind of plan at this kind of unit, each with its summary), or blank. A template can be
// cut to some of its phases; a plan of a unit above can be named as the one it carries out (the
// cascade), so progress rolls up to it.
import { useRef, useState } from 'react';
import { Checkbox, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { PLAN_KIND_LABELS, PLAN_KINDS, PLAN_PHASE_CATALOG, PLAN_PHASES, PlanCreate, planTemplatesFor, type PlanKind, type PlanPhase, type PlanTemplateCatalog, type UnitDetail } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useDialogForm } from '../../../lib/useDialogForm';
import { useCreatePlan } from '../api/planMutations';
import { unitPlansQuery, type PlanRecord } from '../api/planQueries';

interface Props {
  unit: UnitDetail;
  catalog: PlanTemplateCatalog;
  opened: boolean;
  onClose: () => void;
  onCreated: (plan: PlanRecord) => void;
  /** The plan above this one carries out, chosen beforehand (starting a plan from the plan above). */
  initialParentId?: string;
}

export function NewPlanDialog({ unit, catalog, opened, onClose, onCreated, initialParentId }: Props) {
  const create = useCreatePlan();
  const created = useRef<PlanRecord | null>(null);
  const form = useDialogForm(() => {
    onClose();
    if (created.current) onCreated(created.current);
  });
  const [kind, setKind] = useState<PlanKind>('start_up_phase_in');
  const [title, setTitle] = useState('');
  const [templateKey, setTemplateKey] = useState<string>('');
  const [somePhases, setSomePhases] = useState(false);
  const [phases, setPhases] = useState<PlanPhase[]>([...PLAN_PHASES]);
  const [parentPlanId, setParentPlanId] = useState(initialParentId ?? '');
  const templates = planTemplatesFor(kind, unit.kind, catalog);
  const e = form.errors;

  // Plans of the units above that this one may carry out (those the reader can see).
  const above = useQueries({ queries: unit.ancestors.map((a) => ({ ...unitPlansQuery(a.id), retry: false })) });
  const parentOptions = above.flatMap((q) => q.data ?? []).filter((p) => p.status !== 'superseded');

  const submit = () => {
    const template = templateKey && templates.some((t) => t.key === templateKey) ? { key: templateKey, ...(somePhases ? { phases } : {}) } : null;
    form.send(
      PlanCreate,
      { unitId: unit.id, kind, title, template, parentPlanId: parentPlanId || null },
      async (input) => {
        const plan = await create.mutateAsync(input);
        created.current = plan;
        return plan;
      },
      (plan) => `Started the plan ${plan.title}.`,
    );
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Start a new plan"
      submitLabel="Start the plan"
      pending={create.isPending}
      error={create.error}
      errorTitle="Could not start the plan"
      onSubmit={submit}
      formRef={form.formRef}
    >
      <NativeSelect
        label="Kind of plan"
        value={kind}
        onChange={(ev) => {
          setKind(ev.currentTarget.value as PlanKind);
          setTemplateKey('');
        }}
        data={PLAN_KINDS.map((k) => ({ value: k, label: PLAN_KIND_LABELS[k] }))}
        error={e.kind}
      />
      <TextInput label="Title" required value={title} onChange={(ev) => setTitle(ev.currentTarget.value)} error={e.title} />
      <Radio.Group
        label="Start from"
        description={`Templates written for a ${PLAN_KIND_LABELS[kind].toLowerCase()} at a ${unit.kind.replace(/_/g, ' ')}. Each task from a template cites where the documents say it.`}
        value={templateKey}
        onChange={setTemplateKey}
        error={e['template.key'] ?? e.template}
      >
        <Stack gap="sm" mt="xs">
          <Radio value="" label="A blank plan" description="Add the tasks yourself." />
          {templates.map((t) => (
            <Radio key={t.key} value={t.key} label={t.name} description={t.summary} />
          ))}
        </Stack>
      </Radio.Group>
      {templates.length === 0 && (
        <Text size="sm" c="dimmed">
          No template is written for this kind of plan here; start blank.
        </Text>
      )}
      {templateKey && (
        <Stack gap="xs">
          <Checkbox label="Take only some phases of the template" checked={somePhases} onChange={(ev) => setSomePhases(ev.currentTarget.checked)} />
          {somePhases && (
            <Checkbox.Group label="Phases to take" value={phases} onChange={(v) => setPhases(v as PlanPhase[])} error={e['template.phases']}>
              <Group mt="xs" gap="md">
                {PLAN_PHASES.map((p) => (
                  <Checkbox key={p} value={p} label={PLAN_PHASE_CATALOG[p].label} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
        </Stack>
      )}
      <NativeSelect
        label="Carries out a plan of a unit above (optional)"
        description="Its progress then counts toward that plan."
        value={parentPlanId}
        onChange={(ev) => setParentPlanId(ev.currentTarget.value)}
        data={[{ value: '', label: 'None' }, ...parentOptions.map((p) => ({ value: p.id, label: `${p.title} (${p.unitName}, version ${p.planVersion})` }))]}
        error={e.parentPlanId}
      />
    </FormDialog>
  );
}
