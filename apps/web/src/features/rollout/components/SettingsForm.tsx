// A scenario's settings, editable by a leader: saving sends the version loaded and computes the
// schedule again (a stale version offers the latest).
import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Group, List, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { RolloutScenarioDetail } from '../api/rolloutQueries';
import { useSettingsEdit } from '../hooks/useSettingsEdit';
import { CadreFields } from './CadreFields';
import { MONTHS } from './labels';
import { PhaseFields } from './PhaseFields';
import { PriorityFields } from './PriorityFields';
import { SchoolFields, shownWithSchool, type SchoolEntry } from './SchoolFields';

/** Fields that show their own error; others are listed at the top of the form. */
const shownInPlace = (field: string, schoolIds: ReadonlySet<string>) =>
  shownWithSchool(field, schoolIds) ||
  field === 'name' ||
  field === 'settings.startMonth' ||
  field === 'settings.blackoutMonths' ||
  /^settings\.cadre\.(count|capacity|facilitators\.\d+\.(name|capacity|region))$/.test(field) ||
  /^settings\.phases\.\d+\.(name|kind|months|load)$/.test(field) ||
  /^settings\.priority\.by\.\d+$/.test(field);

interface Props {
  scenario: RolloutScenarioDetail;
  subsetNames: Record<string, string>;
  groupWord: string;
}

export function SettingsForm({ scenario, subsetNames, groupWord }: Props) {
  const edit = useSettingsEdit(scenario, Object.keys(subsetNames));
  const { values, errors, change } = edit;
  const schools = useLastSchools(scenario);
  const schoolIds = useMemo(() => new Set((schools ?? []).map((s) => s.id)), [schools]);
  const elsewhere = Object.entries(errors).filter(([field]) => !shownInPlace(field, schoolIds));
  const underWay = Object.values(values.sites).filter((o) => o.underWay).length;

  return (
    <form
      ref={edit.formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        edit.submit();
      }}
      aria-label="Scenario settings"
    >
      <Stack gap="lg">
        <ProblemAlert error={edit.update.error} title="Could not save the scenario" onReload={edit.reload} />
        {elsewhere.length > 0 && (
          <Alert color="red" variant="light" title="Fix these before saving" data-testid="settings-errors">
            <List size="sm">
              {elsewhere.map(([field, message]) => (
                <List.Item key={field}>{message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput label="Name" required value={values.name} onChange={(e) => change({ name: e.currentTarget.value })} error={errors.name} style={{ flex: '1 1 16rem' }} />
          <TextInput
            label="Start month"
            description="Year and month, e.g. 2027-09"
            type="month"
            required
            value={values.startMonth}
            onChange={(e) => change({ startMonth: e.currentTarget.value })}
            error={errors['settings.startMonth']}
            w="14rem"
          />
        </Group>
        <CadreFields values={values} errors={errors} change={change} />
        <PhaseFields values={values} errors={errors} change={change} />
        <Checkbox.Group
          label="Blackout months"
          description="No phase work happens in these months (e.g. summer); phases pause through them."
          value={values.blackoutMonths}
          onChange={(v) => change({ blackoutMonths: v })}
          error={errors['settings.blackoutMonths']}
        >
          <SimpleGrid cols={{ base: 2, xs: 3, sm: 4, md: 6 }} spacing="xs" mt="xs">
            {MONTHS.map((m) => (
              <Checkbox key={m.number} value={String(m.number)} label={m.name} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <PriorityFields values={values} errors={errors} change={change} subsetNames={subsetNames} groupWord={groupWord} />
        <SchoolFields values={values} errors={errors} change={change} schools={schools} groupWord={groupWord} />
        <Checkbox.Group label="Constraints" value={[values.subsetStartsTogether ? 'together' : '', values.keepFacilitatorOfSitesUnderWay ? 'keep' : ''].filter(Boolean)} onChange={(v) => change({ subsetStartsTogether: v.includes('together'), keepFacilitatorOfSitesUnderWay: v.includes('keep') })}>
          <Stack gap="xs" mt="xs">
            <Checkbox value="together" label={`All schools of a ${groupWord} start together`} />
            <Checkbox value="keep" label={`A school already under way keeps its facilitator${underWay > 0 ? ` (${underWay} under way)` : ' (none is under way in this scenario)'}`} />
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={edit.update.isPending}>
            Save and compute
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The unit's schools from the scenario's computed schedule, in the unit's order with their groups;
 * while a new schedule computes, the last ones known (the form stays as it was); null before any.
 */
function useLastSchools(scenario: RolloutScenarioDetail): SchoolEntry[] | null {
  const result = scenario.result;
  const fromResult = useMemo(() => {
    if (!result) return null;
    const subsetNames = new Map(result.schedule.subsets.map((x) => [x.subsetId, x.name]));
    return result.schedule.sites.map((site) => ({
      id: site.siteId,
      name: result.siteNames[site.siteId] ?? site.siteId,
      subsetId: site.subsetId,
      subsetName: subsetNames.get(site.subsetId) ?? result.siteNames[site.subsetId] ?? site.subsetId,
    }));
  }, [result]);
  const [last, setLast] = useState<SchoolEntry[] | null>(fromResult);
  if (fromResult && fromResult !== last) setLast(fromResult);
  return fromResult ?? last;
}
