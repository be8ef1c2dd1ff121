// Changing a saved facilitator checklist (Exhibit 3): every item as it was answered, each yes or no,
// a no with why and the action taken to address the breakdown; items left unanswered stay open.
// A stale save (someone else changed the checklist) offers to reload the latest answers.
import { Group, Radio, Stack, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CoachingFacilitatorCheckCreate, Version } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { api } from '../../../lib/api';
import { useDialogForm } from '../../../lib/useDialogForm';
import { useUpdateCheck, type CoachingCatalog, type FacilitatorCheckRecord } from '../api/coaching';
import { formatDay } from './labels';

const CheckUpdate = CoachingFacilitatorCheckCreate.pick({ answers: true }).extend({ version: Version });

type Draft = Record<string, { answer: 'yes' | 'no' | ''; why: string; actionTaken: string; note: string | null }>;

const draftOf = (check: FacilitatorCheckRecord): Draft =>
  Object.fromEntries(check.answers.map((a) => [a.itemKey, { answer: a.answer, why: a.why ?? '', actionTaken: a.actionTaken ?? '', note: a.note ?? null }]));

export function EditCheckDialog({ check, catalog, opened, onClose }: { check: FacilitatorCheckRecord; catalog: CoachingCatalog; opened: boolean; onClose: () => void }) {
  const update = useUpdateCheck(check.id);
  const queryClient = useQueryClient();
  const { errors, formRef, send, reloader } = useDialogForm(onClose);
  const [version, setVersion] = useState(check.version);
  const [answers, setAnswers] = useState<Draft>(() => draftOf(check));
  const set = (key: string, patch: Partial<Draft[string]>) => setAnswers((a) => ({ ...a, [key]: { answer: '', why: '', actionTaken: '', note: null, ...a[key], ...patch } }));
  // The answers in the order they are sent, so that a refusal of answers.<i> finds its item.
  const sent = catalog.facilitator.groups.flatMap((g) => g.items.map((i) => i.key)).filter((k) => answers[k] && answers[k].answer !== '');
  const err = (key: string, field: string) => {
    const i = sent.indexOf(key);
    return i < 0 ? undefined : errors[`answers.${i}.${field}`];
  };
  const submit = () =>
    send(
      CheckUpdate,
      {
        version,
        answers: sent.map((itemKey) => {
          const a = answers[itemKey]!;
          const note = a.note ? { note: a.note } : {};
          return a.answer === 'no' ? { itemKey, answer: 'no', why: a.why.trim() || undefined, actionTaken: a.actionTaken.trim() || undefined, ...note } : { itemKey, answer: 'yes', ...note };
        }),
      },
      update.mutateAsync,
      () => `Saved the checklist of ${check.facilitatorName} for ${formatDay(check.checkedOn)}.`,
    );
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="xl"
      title={`Checklist of ${check.facilitatorName}, ${formatDay(check.checkedOn)}`}
      submitLabel="Save checklist"
      pending={update.isPending}
      error={update.error}
      errorTitle="Could not save the checklist"
      onSubmit={submit}
      formRef={formRef}
      onReload={reloader(
        update,
        async () => {
          const fresh = await api<FacilitatorCheckRecord>(`/api/coaching/facilitator-checks/${check.id}`);
          void queryClient.invalidateQueries({ queryKey: ['coaching'] });
          return fresh;
        },
        (fresh: FacilitatorCheckRecord) => {
          setVersion(fresh.version);
          setAnswers(draftOf(fresh));
        },
      )}
    >
      {errors.answers && (
        <div role="alert" style={{ color: 'var(--mantine-color-red-8)', fontSize: 14 }}>
          Answers {errors.answers}
        </div>
      )}
      {catalog.facilitator.groups.map((g) => (
        <fieldset key={g.key} style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, padding: 8 }}>
          <legend>
            {g.number}. {g.name}
          </legend>
          <Stack gap="xs">
            {g.items.map((item) => {
              const a = answers[item.key];
              return (
                <div key={item.key}>
                  <Radio.Group label={`(${item.letter}) ${item.text}`} value={a?.answer ?? ''} onChange={(v) => set(item.key, { answer: v as 'yes' | 'no' })}>
                    <Group gap="md" mt={4}>
                      <Radio value="yes" label="Yes" />
                      <Radio value="no" label="No" />
                    </Group>
                  </Radio.Group>
                  {a?.answer === 'no' && (
                    <Stack gap={4} mt={4}>
                      <Textarea label="Why not" required autosize value={a.why} onChange={(e) => set(item.key, { why: e.currentTarget.value })} error={err(item.key, 'why')} />
                      <Textarea
                        label="Action taken to address the breakdown"
                        required
                        autosize
                        value={a.actionTaken}
                        onChange={(e) => set(item.key, { actionTaken: e.currentTarget.value })}
                        error={err(item.key, 'actionTaken')}
                      />
                    </Stack>
                  )}
                </div>
              );
            })}
          </Stack>
        </fieldset>
      ))}
    </FormDialog>
  );
}
