// The unit's schools, grouped as the scenario groups them, each with its own need and readiness
// scores and, for a school already under way, the phase it is in, the month of that phase and its
// facilitator. Twenty-five schools to a page, with a filter by name, so a state stays usable.
import { useEffect, useMemo, useState } from 'react';
import { Badge, Checkbox, Fieldset, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { FieldErrors } from '../../../lib/forms';
import { LEGEND_STYLES } from './labels';
import { TimelinePager } from './TimelinePager';
import { cadreChoices, EMPTY_SITE, type SettingsValues, type SiteRow } from './settingsForm';

export const SCHOOLS_PAGE_SIZE = 25;

/** A school of the unit as its last computed schedule lists it. */
export interface SchoolEntry {
  id: string;
  name: string;
  subsetId: string;
  subsetName: string;
}

interface Props {
  values: SettingsValues;
  errors: FieldErrors;
  change: (patch: Partial<SettingsValues>) => void;
  /** In the unit's order; null until a schedule has been computed. */
  schools: readonly SchoolEntry[] | null;
  groupWord: string;
}

const fieldOf = (id: string, key: string) => `settings.siteOverrides.${id}.${key}`;
const SITE_KEYS = ['need', 'readiness', 'underWay.phase', 'underWay.monthInPhase', 'underWay.facilitatorId', 'underWay'] as const;

/** Errors of one school's overrides, by what they are about. */
export function schoolErrors(errors: FieldErrors, id: string) {
  const of = (key: string) => errors[fieldOf(id, key)];
  return { need: of('need'), readiness: of('readiness'), phase: of('underWay.phase'), month: of('underWay.monthInPhase'), facilitator: of('underWay.facilitatorId'), other: of('underWay') ?? errors[`settings.siteOverrides.${id}`] };
}

/** Whether a field's error shows next to a school of the list. */
export function shownWithSchool(field: string, schoolIds: ReadonlySet<string>): boolean {
  const m = /^settings\.siteOverrides\.([^.]+)(?:\.(.+))?$/.exec(field);
  return m !== null && schoolIds.has(m[1]!) && (m[2] === undefined || (SITE_KEYS as readonly string[]).includes(m[2]));
}

export function SchoolFields({ values, errors, change, schools, groupWord }: Props) {
  const [page, setPage] = useState(0);
  // Narrower than a table of four columns: each school a block of its own.
  const narrow = useMediaQuery('(max-width: 40em)') ?? false;
  const [filter, setFilter] = useState('');
  const [onlyChanged, setOnlyChanged] = useState(false);
  const list = useMemo(() => withLabels(groupedBySubset(schools ?? [])), [schools]);
  const needle = filter.trim().toLowerCase();
  const rows = list.filter((s) => (!needle || s.name.toLowerCase().includes(needle) || s.subsetName.toLowerCase().includes(needle)) && (!onlyChanged || hasOverride(values.sites[s.id])));
  const pages = Math.max(1, Math.ceil(rows.length / SCHOOLS_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * SCHOOLS_PAGE_SIZE, (current + 1) * SCHOOLS_PAGE_SIZE);
  const phases = values.phases.map((p) => p.name.trim()).filter(Boolean);
  const cadre = cadreChoices(values);
  const changedCount = list.filter((s) => hasOverride(values.sites[s.id])).length;

  // A refused save about a school on another page (or filtered out): show that school's page.
  const [focusPending, setFocusPending] = useState(0);
  useEffect(() => {
    const first = list.findIndex((s) => Object.keys(errors).some((f) => f.startsWith(`settings.siteOverrides.${s.id}`)));
    if (first < 0) return;
    if (rows.some((r, i) => r.id === list[first]!.id && Math.floor(i / SCHOOLS_PAGE_SIZE) === current)) return;
    setFilter('');
    setOnlyChanged(false);
    setPage(Math.floor(first / SCHOOLS_PAGE_SIZE));
    setFocusPending((n) => n + 1);
    // Only when new errors arrive, not as the reader pages or filters.
  }, [errors]);
  useEffect(() => {
    if (focusPending === 0) return;
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="school-fields"] [aria-invalid="true"]')?.focus());
  }, [focusPending]);

  const setSite = (id: string, patch: Partial<SiteRow>) => change({ sites: { ...values.sites, [id]: { ...(values.sites[id] ?? EMPTY_SITE), ...patch } } });
  const groupsShown = runs(shown, current > 0 ? (rows[current * SCHOOLS_PAGE_SIZE - 1]?.subsetId ?? null) : null);

  return (
    <Fieldset legend="Schools" variant="unstyled" styles={LEGEND_STYLES} data-testid="school-fields">
      <Text size="sm" c="dimmed">
        Scores are optional, 0 or more, highest first when the priority uses them; a {groupWord} goes by its schools’ scores. A school already under way continues from the start month in the phase
        and month given, with its facilitator when the constraint below keeps it.
      </Text>
      {schools === null ? (
        <Text size="sm" mt="xs" data-testid="schools-pending">
          The schools are listed once a schedule has been computed.
          {Object.keys(values.sites).length > 0 ? ` The ${Object.keys(values.sites).length} schools already given scores or a phase under way keep them.` : ''}
        </Text>
      ) : (
        <Stack gap="xs" mt="xs">
          <Group gap="md" align="flex-end" wrap="wrap">
            <TextInput
              label="Find a school"
              description={`By its name or its ${groupWord}`}
              value={filter}
              onChange={(e) => {
                setFilter(e.currentTarget.value);
                setPage(0);
              }}
              style={{ flex: '1 1 14rem', maxWidth: '24rem' }}
            />
            <Checkbox
              label={`Only schools with scores or under way (${changedCount})`}
              checked={onlyChanged}
              onChange={(e) => {
                setOnlyChanged(e.currentTarget.checked);
                setPage(0);
              }}
              mb={6}
            />
          </Group>
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              No school matches.
            </Text>
          ) : (
            <>
              <TimelinePager page={current} pages={pages} total={rows.length} pageSize={SCHOOLS_PAGE_SIZE} onPage={setPage} label="Pages of schools" />
              {narrow ? (
                <Stack gap="sm" data-testid="school-table">
                  <Text fw={600} size="sm">
                    Scores and phases under way, by school
                  </Text>
                  {groupsShown.map((run) => (
                    <div role="group" key={run.subsetId} aria-label={`${run.subsetName}${run.continued ? ' (continued)' : ''}`}>
                      <Text fw={700} size="sm" mb={4}>
                        {run.subsetName}
                        {run.continued ? ' (continued)' : ''}
                      </Text>
                      <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
                        {run.schools.map((s) => (
                          <SchoolCard key={s.id} school={s} row={values.sites[s.id] ?? EMPTY_SITE} errors={schoolErrors(errors, s.id)} phases={phases} cadre={cadre} onChange={(patch) => setSite(s.id, patch)} />
                        ))}
                      </Stack>
                    </div>
                  ))}
                </Stack>
              ) : (
              <Table.ScrollContainer minWidth={640}>
                  <Table verticalSpacing={6} data-testid="school-table">
                    <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600, paddingBottom: 4 }}>Scores and phases under way, by school</caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">School</Table.Th>
                        <Table.Th scope="col">Need score</Table.Th>
                        <Table.Th scope="col">Readiness score</Table.Th>
                        <Table.Th scope="col">Already under way</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    {groupsShown.map((run) => (
                      <Table.Tbody key={run.subsetId}>
                        <Table.Tr>
                          <Table.Th scope="rowgroup" colSpan={4} bg="var(--mantine-color-default-hover)">
                            {run.subsetName}
                            {run.continued ? ' (continued)' : ''}
                          </Table.Th>
                        </Table.Tr>
                        {run.schools.map((s) => (
                          <SchoolRow key={s.id} school={s} row={values.sites[s.id] ?? EMPTY_SITE} errors={schoolErrors(errors, s.id)} phases={phases} cadre={cadre} onChange={(patch) => setSite(s.id, patch)} />
                        ))}
                      </Table.Tbody>
                    ))}
                  </Table>
                </Table.ScrollContainer>
              )}
            </>
          )}
        </Stack>
      )}
    </Fieldset>
  );
}

interface RowProps {
  school: SchoolEntry & { label: string };
  row: SiteRow;
  errors: ReturnType<typeof schoolErrors>;
  phases: string[];
  cadre: { id: string; name: string }[];
  onChange: (patch: Partial<SiteRow>) => void;
}

/** A school's three inputs; `compact` gives the scores visible labels (on a phone, without column headers). */
function schoolInputs({ school, row, errors, phases, cadre, onChange }: RowProps, compact: boolean) {
  // The name each input's label gives the school (two schools can share a name).
  const name = school.label;
  const phaseData = [...(row.phase && !phases.includes(row.phase) ? [{ value: row.phase, label: `${row.phase} (not a phase of this scenario)` }] : []), ...phases.map((p) => ({ value: p, label: p }))];
  const cadreData = [
    ...(row.facilitatorId && !cadre.some((f) => f.id === row.facilitatorId) ? [{ value: row.facilitatorId, label: `${row.facilitatorId} (not in the cadre)` }] : []),
    ...cadre.map((f) => ({ value: f.id, label: f.name })),
  ];
  const heading = (
    <>
      {school.name}
      {school.label !== school.name && <VisuallyHidden>{school.label.slice(school.name.length)}</VisuallyHidden>}
      {hasOverride(row) && (
        <Badge variant="light" size="xs" ml={6} color={row.underWay ? 'blue' : 'gray'}>
          {row.underWay ? 'Under way' : 'Scored'}
        </Badge>
      )}
    </>
  );
  const need = (
    <NumberInput aria-label={`Need score of ${name}`} label={compact ? 'Need score' : undefined} min={0} max={1_000_000} allowNegative={false} value={row.need} onChange={(v) => onChange({ need: v })} error={errors.need} w="7rem" />
  );
  const readiness = (
    <NumberInput
      aria-label={`Readiness score of ${name}`}
      label={compact ? 'Readiness score' : undefined}
      min={0}
      max={1_000_000}
      allowNegative={false}
      value={row.readiness}
      onChange={(v) => onChange({ readiness: v })}
      error={errors.readiness}
      w="7rem"
    />
  );
  const underWay = (
    <Stack gap={6}>
      <Checkbox
        label="Under way"
        aria-label={`Under way: ${name}`}
        checked={row.underWay}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          onChange(on ? { underWay: true, phase: row.phase || (phases[0] ?? ''), facilitatorId: row.facilitatorId || (cadre[0]?.id ?? ''), monthInPhase: row.monthInPhase === '' ? 1 : row.monthInPhase } : { underWay: false });
        }}
      />
      {row.underWay && (
        <Group gap="xs" align="flex-start" wrap="wrap">
          <NativeSelect aria-label={`Phase at ${name}`} label="Phase" data={phaseData} value={row.phase} onChange={(e) => onChange({ phase: e.currentTarget.value })} error={errors.phase} size="xs" w="14rem" maw="100%" />
          <NumberInput
            aria-label={`Month of the phase at ${name}`}
            label="Month"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={row.monthInPhase}
            onChange={(v) => onChange({ monthInPhase: v })}
            error={errors.month}
            size="xs"
            w="7rem"
          />
          <NativeSelect aria-label={`Facilitator of ${name}`} label="Facilitator" data={cadreData} value={row.facilitatorId} onChange={(e) => onChange({ facilitatorId: e.currentTarget.value })} error={errors.facilitator} size="xs" w="12rem" maw="100%" />
        </Group>
      )}
      {errors.other && (
        <Text size="xs" c="var(--mantine-color-error)">
          {errors.other}
        </Text>
      )}
    </Stack>
  );
  return { heading, need, readiness, underWay };
}

function SchoolRow(props: RowProps) {
  const { heading, need, readiness, underWay } = schoolInputs(props, false);
  return (
    <Table.Tr data-school={props.school.id}>
      <Table.Th scope="row" fw={500} style={{ verticalAlign: 'top' }}>
        {heading}
      </Table.Th>
      <Table.Td style={{ verticalAlign: 'top' }}>{need}</Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>{readiness}</Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>{underWay}</Table.Td>
    </Table.Tr>
  );
}

/** On a phone: one block per school, its inputs stacked. */
function SchoolCard(props: RowProps) {
  const { heading, need, readiness, underWay } = schoolInputs(props, true);
  return (
    <Paper component="li" withBorder p="xs" radius="sm" data-school={props.school.id}>
      <Text fw={600} size="sm" mb={4}>
        {heading}
      </Text>
      <Group gap="sm" align="flex-start" mb={6}>
        {need}
        {readiness}
      </Group>
      {underWay}
    </Paper>
  );
}

export function hasOverride(row: SiteRow | undefined): boolean {
  return row !== undefined && (row.underWay || row.need !== '' || row.readiness !== '');
}

/** Each school's name, with its group (and a number) when another school has the same name. */
function withLabels(schools: SchoolEntry[]): (SchoolEntry & { label: string })[] {
  const count = (key: (s: SchoolEntry) => string) => {
    const n = new Map<string, number>();
    for (const s of schools) n.set(key(s), (n.get(key(s)) ?? 0) + 1);
    return n;
  };
  const byName = count((s) => s.name);
  const withGroup = (s: SchoolEntry) => `${s.name} (${s.subsetName})`;
  const byNameAndGroup = count(withGroup);
  const seen = new Map<string, number>();
  return schools.map((s) => {
    if (byName.get(s.name) === 1) return { ...s, label: s.name };
    const g = withGroup(s);
    if (byNameAndGroup.get(g) === 1) return { ...s, label: g };
    const k = (seen.get(g) ?? 0) + 1;
    seen.set(g, k);
    return { ...s, label: `${s.name} (${s.subsetName}, ${k})` };
  });
}

/** Schools of a group together, groups in the order their first school comes. */
function groupedBySubset(schools: readonly SchoolEntry[]): SchoolEntry[] {
  const bySubset = new Map<string, SchoolEntry[]>();
  for (const s of schools) {
    const group = bySubset.get(s.subsetId);
    if (group) group.push(s);
    else bySubset.set(s.subsetId, [s]);
  }
  return [...bySubset.values()].flat();
}

function runs<T extends SchoolEntry>(schools: T[], previousSubset: string | null) {
  const out: { subsetId: string; subsetName: string; continued: boolean; schools: T[] }[] = [];
  for (const s of schools) {
    const last = out.at(-1);
    if (last && last.subsetId === s.subsetId) last.schools.push(s);
    else out.push({ subsetId: s.subsetId, subsetName: s.subsetName, continued: out.length === 0 && s.subsetId === previousSubset, schools: [s] });
  }
  return out;
}
