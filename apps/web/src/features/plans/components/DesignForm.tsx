// Writing a design document: the vision, the aims (a list), the rationale, the intervention
// framework adopted, and the features fidelity requires (each with a short key, its words, and
// whether it is essential). Used to write a first version — blank or prefilled from the prototype
// adopted — and to save each later version.
import { Button, Checkbox, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { DesignDocumentContent, InterventionFramework, InterventionFrameworkChange } from '@trellis/core';
import { FrameworkChangesEditor } from './FrameworkChangesEditor';
import type { FieldErrors } from '../../../lib/forms';

export interface DesignValues {
  vision: string;
  aims: string[];
  rationale: string;
  framework: { id: string; version: string } | null;
  /** How the design adapts the intervention framework (kept as it is unless edited). */
  frameworkChanges: InterventionFrameworkChange[];
  essentialFeatures: { key: string; text: string; essential: boolean }[];
}

export const designValues = (c: DesignDocumentContent | null, framework: InterventionFramework | null): DesignValues => ({
  vision: c?.vision ?? '',
  aims: c ? [...c.aims] : [''],
  rationale: c?.rationale ?? '',
  framework: c ? c.framework : framework ? { id: framework.id, version: framework.version } : null,
  frameworkChanges: c?.frameworkChanges ? [...c.frameworkChanges] : [],
  essentialFeatures: c ? c.essentialFeatures.map((f) => ({ ...f })) : [],
});

/** What the API takes: empty aims left out. */
export const designContent = (v: DesignValues) => ({
  vision: v.vision,
  aims: v.aims.map((a) => a.trim()).filter((a) => a !== ''),
  rationale: v.rationale,
  framework: v.framework,
  frameworkChanges: v.framework ? v.frameworkChanges : [],
  essentialFeatures: v.essentialFeatures,
});

interface Props {
  values: DesignValues;
  onChange: (v: DesignValues) => void;
  errors: FieldErrors;
  framework: InterventionFramework | null;
}

export function DesignForm({ values: v, onChange, errors: e, framework }: Props) {
  const set = (patch: Partial<DesignValues>) => onChange({ ...v, ...patch });
  const fw = v.framework;
  return (
    <Stack gap="md">
      <Textarea label="Vision" description="What the unit is working toward, in a few sentences" required autosize minRows={3} value={v.vision} onChange={(ev) => set({ vision: ev.currentTarget.value })} error={e.vision} />
      <Stack gap="xs">
        <Title order={3} size="h5" id="aims-label">
          Aims
        </Title>
        {e.aims && (
          <Text size="sm" c="red.9">
            {e.aims}
          </Text>
        )}
        {v.aims.map((aim, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label={`Aim ${i + 1}`}
              value={aim}
              style={{ flex: 1 }}
              onChange={(ev) => set({ aims: v.aims.map((a, j) => (j === i ? ev.currentTarget.value : a)) })}
              error={e[`aims.${i}`]}
            />
            <Button variant="default" aria-label={`Remove aim ${i + 1}`} onClick={() => set({ aims: v.aims.filter((_, j) => j !== i) })}>
              Remove
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" size="xs" onClick={() => set({ aims: [...v.aims, ''] })}>
            Add an aim
          </Button>
        </Group>
      </Stack>
      <Textarea label="Rationale" description="Why this design" required autosize minRows={3} value={v.rationale} onChange={(ev) => set({ rationale: ev.currentTarget.value })} error={e.rationale} />
      <Checkbox
        label={
          framework
            ? `Adopt the intervention framework “${framework.name}” (version ${framework.version})`
            : fw
              ? `Adopt the intervention framework ${fw.id} (version ${fw.version})`
              : 'Adopt the intervention framework'
        }
        description={fw && framework && (fw.id !== framework.id || fw.version !== framework.version) ? `The document now names ${fw.id} version ${fw.version}; checking this box keeps it.` : undefined}
        checked={fw !== null}
        onChange={(ev) => set({ framework: ev.currentTarget.checked ? (fw ?? (framework ? { id: framework.id, version: framework.version } : null)) : null })}
        error={e.framework ?? e['framework.id']}
      />
      {fw !== null && <FrameworkChangesEditor changes={v.frameworkChanges} onChange={(frameworkChanges) => set({ frameworkChanges })} framework={framework} errors={e} />}
      <Stack gap="xs">
        <Title order={3} size="h5">
          Features fidelity requires
        </Title>
        <Text size="sm" c="dimmed">
          A unit that adopts this design is shown every change it makes to a feature; changes to essential ones are flagged.
        </Text>
        {e.essentialFeatures && (
          <Text size="sm" c="red.9">
            {e.essentialFeatures}
          </Text>
        )}
        {v.essentialFeatures.map((f, i) => (
          <Paper key={i} withBorder p="sm">
            <Stack gap="xs">
              <Textarea
                label={`Feature ${i + 1}`}
                autosize
                minRows={1}
                value={f.text}
                onChange={(ev) => set({ essentialFeatures: v.essentialFeatures.map((x, j) => (j === i ? { ...x, text: ev.currentTarget.value } : x)) })}
                error={e[`essentialFeatures.${i}.text`]}
              />
              <Group gap="md" align="flex-end" wrap="wrap">
                <TextInput
                  label={`Short key of feature ${i + 1}`}
                  description="Lowercase words joined by hyphens; keeps the feature matched across versions"
                  value={f.key}
                  onChange={(ev) => set({ essentialFeatures: v.essentialFeatures.map((x, j) => (j === i ? { ...x, key: ev.currentTarget.value } : x)) })}
                  error={e[`essentialFeatures.${i}.key`]}
                  style={{ flex: '1 1 14rem' }}
                />
                <Checkbox
                  label={`Feature ${i + 1} is essential`}
                  checked={f.essential}
                  onChange={(ev) => set({ essentialFeatures: v.essentialFeatures.map((x, j) => (j === i ? { ...x, essential: ev.currentTarget.checked } : x)) })}
                />
                <Button variant="default" aria-label={`Remove feature ${i + 1}`} onClick={() => set({ essentialFeatures: v.essentialFeatures.filter((_, j) => j !== i) })}>
                  Remove
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              const taken = new Set(v.essentialFeatures.map((f) => f.key));
              let key = `feature-${v.essentialFeatures.length + 1}`;
              for (let n = v.essentialFeatures.length + 2; taken.has(key); n++) key = `feature-${n}`;
              set({ essentialFeatures: [...v.essentialFeatures, { key, text: '', essential: true }] });
            }}
          >
            Add a feature
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

