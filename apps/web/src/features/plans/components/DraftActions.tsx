// What a planning team does to a draft as a whole: rename it, or delete it (approved work is kept
// as a record; a plan that spawned plans below keeps them, so it is refused with the reason).
import { useState } from 'react';
import { Button, TextInput } from '@mantine/core';
import { PlanUpdate } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { api } from '../../../lib/api';
import { useDialog } from '../../../lib/useDialog';
import { useDialogForm } from '../../../lib/useDialogForm';
import { useDeletePlan, useRenamePlan } from '../api/planMutations';
import { planPath, type PlanDetail } from '../api/planQueries';

export function DraftActions({ plan, onDeleted }: { plan: PlanDetail; onDeleted: () => void }) {
  const rename = useDialog();
  const remove = useDialog();
  const deletion = useDeletePlan();
  const announce = useAnnounce();
  if (!plan.permissions.edit) return null;
  return (
    <>
      <Button variant="default" onClick={rename.open}>
        Rename
      </Button>
      <Button variant="default" onClick={remove.open}>
        Delete the draft
      </Button>
      <RenameDialog key={rename.key} plan={plan} opened={rename.opened} onClose={rename.close} />
      <ConfirmDialog
        opened={remove.opened}
        title="Delete the draft?"
        confirmLabel="Delete the draft"
        danger
        pending={deletion.isPending}
        error={deletion.error}
        onClose={() => {
          remove.close();
          deletion.reset();
        }}
        onConfirm={() =>
          deletion.mutate(
            { id: plan.id, version: plan.version },
            {
              onSuccess: () => {
                announce(`Deleted the draft ${plan.title}.`);
                remove.close();
                onDeleted();
              },
            },
          )
        }
      >
        “{plan.title}” and its {plan.tasks.length} task{plan.tasks.length === 1 ? '' : 's'} will be deleted. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}

function RenameDialog({ plan, opened, onClose }: { plan: PlanDetail; opened: boolean; onClose: () => void }) {
  const mutation = useRenamePlan(plan.id);
  const form = useDialogForm(onClose);
  const [title, setTitle] = useState(plan.title);
  const [version, setVersion] = useState(plan.version);
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Rename the plan"
      submitLabel="Save"
      pending={mutation.isPending}
      error={mutation.error}
      errorTitle="Could not rename the plan"
      formRef={form.formRef}
      onReload={form.reloader(mutation, () => api<PlanDetail>(planPath(plan.id)), (fresh) => setVersion(fresh.version))}
      onSubmit={() => form.send(PlanUpdate, { version, title }, (input) => mutation.mutateAsync(input), (p) => `Renamed the plan ${p.title}.`)}
      size="md"
    >
      <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={form.errors.title} />
    </FormDialog>
  );
}
