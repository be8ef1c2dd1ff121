// Directory import for administrators: choose the state (or district) and the kind of files — NCES
// CCD school and LEA files (and a regions file), OneRoster orgs.csv / users.csv / roles.csv, or Ed-Fi
// education organizations (JSON) — see what would change and every row that cannot be used (and,
// for OneRoster users, review how their roles become grants), apply it all at once; then review
// suggested feeder patterns, edit them and apply them.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, FileInput, Group, NativeSelect, Pagination, Paper, Progress, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { isNeverPeopleRole, ROLE_LABELS, ROLES, UNIT_KIND_LABELS, type ImportRun } from '@trellis/core';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { UnitPicker } from '../../../components/UnitPicker';
import { AnchorLink } from '../../../components/AnchorLink';
import type { SearchOption } from '../../../components/SearchSelect';
import { formatNumber, plural } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import {
  useApplyImport,
  useDiscardImport,
  useEditFeeders,
  useEditRoleMapping,
  useFeederReview,
  useImportChanges,
  useImportPeople,
  useImportProblems,
  useImportRun,
  useSuggestFeeders,
  useUploadDirectory,
  type ImportSource,
  type UploadProgress,
} from '../api/imports';

const SOURCES: { value: ImportSource; label: string; description: string }[] = [
  { value: 'ccd', label: 'NCES CCD directory files', description: 'School and LEA directory files as NCES publishes them.' },
  { value: 'oneroster', label: 'OneRoster CSV', description: 'orgs.csv (and users.csv, roles.csv) of OneRoster 1.1 or 1.2, as a student information system exports them.' },
  { value: 'edfi', label: 'Ed-Fi education organizations', description: 'JSON as the Ed-Fi API returns state education agencies, education service centers, local education agencies and schools; FeederSchoolAssociations alone give feeder patterns to review.' },
];

const FILE_SLOTS = {
  ccd: [
    { slot: 'schools', label: 'CCD school file', description: 'The NCES school directory file (NCESSCH, SCH_NAME or SCHNAM…), CSV or tab-separated.' },
    { slot: 'leas', label: 'CCD LEA (district) file', description: 'The NCES LEA directory file (LEAID, LEA_NAME or NAME…). Leave it out to update schools of districts already here.' },
    { slot: 'regions', label: 'Regions file (optional)', description: 'District → region, e.g. the Texas AskTED directory (District Number, Region Number).' },
  ],
  oneroster: [
    { slot: 'orgs', label: 'OneRoster orgs.csv', description: 'Organizations: state, local or aea (regions), district, school, department, each with its parentSourcedId.' },
    { slot: 'users', label: 'OneRoster users.csv (optional)', description: 'Staff become people with grants as you map their roles below; students, guardians and parents never do. Passwords in the file are never read.' },
    { slot: 'roles', label: 'OneRoster roles.csv (optional)', description: 'OneRoster 1.2 and School Data Sync keep roles here; send it with users.csv.' },
  ],
  edfi: [],
} as const;
type Slot = 'schools' | 'leas' | 'regions' | 'orgs' | 'users' | 'roles';

export function ImportsPage({ unitId, onUnit }: { unitId: string | undefined; onUnit: (id: string | undefined) => void }) {
  const session = useSession();
  // Start with the first state or district the person administers.
  const own = session.grants.find((g) => g.role === 'admin' && (g.unitKind === 'state' || g.unitKind === 'district'));
  const [unit, setUnit] = useState<SearchOption | null>(own && (!unitId || unitId === own.unitId) ? { value: own.unitId, label: `${own.unitName} (${UNIT_KIND_LABELS[own.unitKind as 'state']})` } : null);
  useEffect(() => {
    if (!unitId && unit) onUnit(unit.value);
  }, [unitId, unit, onUnit]);
  const [source, setSource] = useState<ImportSource>('ccd');
  const [files, setFiles] = useState<Partial<Record<Slot, File>>>({});
  const [edfiFiles, setEdfiFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [feederRunId, setFeederRunId] = useState<string | null>(null);
  const upload = useUploadDirectory(setProgress);
  const suggest = useSuggestFeeders();
  const announce = useAnnounce();

  const slots = FILE_SLOTS[source];
  const chosen = Object.entries(files).filter((e): e is [Slot, File] => e[1] instanceof File && slots.some((s) => s.slot === e[0]));
  const ready = source === 'ccd' ? files.schools || files.leas : source === 'oneroster' ? files.orgs || files.users : edfiFiles.length > 0;
  const canPreview = unit !== null && ready && !upload.isPending;

  const preview = () => {
    if (!unit) return;
    setRunId(null);
    setProgress({ percent: 0 });
    upload.mutate(
      { unitId: unit.value, source, files: source === 'edfi' ? { edfi: edfiFiles } : Object.fromEntries(chosen) },
      {
        onSuccess: (run) => {
          // Ed-Fi FeederSchoolAssociations give feeder patterns: reviewed below, with the suggestions'.
          if (run.kind === 'feeders') setFeederRunId(run.id);
          else setRunId(run.id);
          announce(`Preview ready: ${plural(run.counts.creates, 'unit')} to create, ${formatNumber(run.counts.updates)} to update, ${plural(run.problemCount, 'problem')}.`);
        },
        onSettled: () => setProgress(null),
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Directory import"
        description="Load regions, districts and schools from the NCES Common Core of Data (CCD) directory files, OneRoster CSV files (with staff as people) or Ed-Fi: see every change before anything is written."
      />
      <Stack gap="xl">
        <Paper withBorder p="md" component="section" aria-labelledby="import-files-heading">
          <Stack gap="md">
            <Title order={2} size="h3" id="import-files-heading">
              Files
            </Title>
            <UnitPicker
              label="Import into"
              description="A state (its districts and schools), or one district (its schools, by its NCES LEAID)."
              required
              kinds={['state', 'district']}
              value={unit}
              onChange={(o) => {
                setUnit(o);
                onUnit(o?.value);
                setRunId(null);
                setFeederRunId(null);
              }}
            />
            <Radio.Group
              label="Kind of files"
              value={source}
              onChange={(v) => {
                setSource(v as ImportSource);
                setRunId(null);
              }}
            >
              <Stack gap="xs" mt="xs">
                {SOURCES.map((o) => (
                  <Radio key={o.value} value={o.value} label={o.label} description={o.description} data-testid={`source-${o.value}`} />
                ))}
              </Stack>
            </Radio.Group>
            {source === 'edfi' && (
              <FileInput
                label="Ed-Fi JSON files"
                description="One or more files, each a JSON array of resources as GET /ed-fi/schools (or localEducationAgencies, educationServiceCenters, stateEducationAgencies) returns it."
                placeholder="Choose files"
                styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
                accept=".json,application/json"
                multiple
                clearable
                clearButtonProps={{ 'aria-label': 'Remove the chosen Ed-Fi files' }}
                value={edfiFiles}
                onChange={(f) => setEdfiFiles(f ?? [])}
                data-testid="file-edfi"
              />
            )}
            {slots.map((f) => (
              <FileInput
                key={f.slot}
                label={f.label}
                description={f.description}
                placeholder="Choose a file"
                // Mantine's placeholder grey is below 4.5:1 on white.
                styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
                accept=".csv,.txt,text/csv,text/plain"
                clearable
                clearButtonProps={{ 'aria-label': `Remove the chosen ${f.label.replace(' (optional)', '').toLowerCase().replace('ccd', 'CCD').replace('lea', 'LEA').replace('oneroster', 'OneRoster')}` }}
                value={files[f.slot] ?? null}
                onChange={(file) => setFiles((all) => ({ ...all, [f.slot]: file ?? undefined }))}
                data-testid={`file-${f.slot}`}
              />
            ))}
            <Group>
              <Button onClick={preview} disabled={!canPreview} loading={upload.isPending}>
                Preview the import
              </Button>
            </Group>
            {progress && (
              <Stack gap={4}>
                <Progress value={progress.percent ?? 100} animated={progress.percent === null} striped={progress.percent === null} aria-label="Progress of the upload" />
                <Text size="sm" role="status">
                  {progress.percent === null ? 'Reading and checking the files…' : `Uploading… ${progress.percent}%`}
                </Text>
              </Stack>
            )}
            <ProblemAlert error={upload.error} title="The files could not be previewed" />
          </Stack>
        </Paper>

        {runId && <RunPanel runId={runId} heading={{ ccd: 'Preview of the directory import', oneroster: 'Preview of the OneRoster import', edfi: 'Preview of the Ed-Fi import' }[source]} />}

        <Paper withBorder p="md" component="section" aria-labelledby="feeders-heading">
          <Stack gap="md">
            <Title order={2} size="h3" id="feeders-heading">
              Feeder patterns
            </Title>
            <Text size="sm">
              For each district with several high schools, Trellis suggests which elementary and middle schools feed which high school: the nearest one by location, else one with the same
              ZIP code, else one in the same city. Review and change them before applying.
            </Text>
            <Group>
              <Button
                variant="default"
                disabled={!unit}
                loading={suggest.isPending}
                onClick={() => unit && suggest.mutate(unit.value, { onSuccess: (run) => setFeederRunId(run.id) })}
              >
                Suggest feeder patterns
              </Button>
            </Group>
            <ProblemAlert error={suggest.error} title="Could not suggest feeder patterns" />
            {feederRunId && <FeederReviewPanel runId={feederRunId} />}
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}

const KINDS = [
  ['region', 'Regions'],
  ['district', 'Districts'],
  ['feeder_pattern', 'Feeder patterns'],
  ['school', 'Schools'],
  ['department', 'Departments'],
] as const;

function CountsTable({ run }: { run: ImportRun }) {
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table withTableBorder striped data-testid="import-counts">
        <Table.Caption>What {run.status === 'applied' ? 'the import did' : 'applying would do'}, by kind of unit</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Create</Table.Th>
            <Table.Th scope="col">Update</Table.Th>
            <Table.Th scope="col">Archive</Table.Th>
            <Table.Th scope="col">Unchanged</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {KINDS.map(([k, label]) => {
            const c = run.counts.byKind[k];
            if (!c || (k === 'department' && run.kind === 'ccd')) return null;
            return (
              <Table.Tr key={k}>
                <Table.Th scope="row">{label}</Table.Th>
                <Table.Td>{formatNumber(c.creates)}</Table.Td>
                <Table.Td>{formatNumber(c.updates)}</Table.Td>
                <Table.Td>{formatNumber(c.archives)}</Table.Td>
                <Table.Td>{formatNumber(c.unchanged)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RunPanel({ runId, heading }: { runId: string; heading: string }) {
  const run = useImportRun(runId);
  const apply = useApplyImport();
  const discard = useDiscardImport();
  const announce = useAnnounce();
  const [skip, setSkip] = useState(false);
  const [mappingDirty, setMappingDirty] = useState(false);
  if (!run.data) return <ProblemAlert error={run.error} title="Could not load the preview" />;
  const r = run.data;
  const people = r.people?.counts;
  const total = r.counts.creates + r.counts.updates + r.counts.archives + (people ? people.creates + people.updates + people.grants : 0);
  const doApply = () =>
    apply.mutate(
      { id: r.id, version: r.version, skipProblems: skip },
      { onSuccess: (done) => announce(`Imported into ${done.unitName}: ${formatNumber(done.counts.creates)} created, ${formatNumber(done.counts.updates)} updated, ${formatNumber(done.counts.archives)} archived.`) },
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`run-${r.id}`} data-testid="import-run">
      <Stack gap="md">
        <Title order={2} size="h3" id={`run-${r.id}`}>
          {r.status === 'applied' ? `Imported into ${r.unitName}` : r.status === 'discarded' ? 'Discarded preview' : `${heading} into ${r.unitName}`}
        </Title>
        {r.files.length > 0 && (
          <Text size="sm">
            {r.files
              .map((f) => `${f.name}: ${plural(f.rows, f.slot === 'edfi' ? 'resource' : 'row')}${f.layout ? (r.kind === 'ccd' || r.kind === 'feeders' ? `, CCD ${f.layout} layout` : `, ${f.layout}`) : ''}${f.encoding !== 'utf-8' ? `, read as ${f.encoding}` : ''}`)
              .join(' · ')}
          </Text>
        )}
        <CountsTable run={r} />
        {(r.counts.outsideScope > 0 || r.counts.closedNotCreated > 0 || r.counts.serviceAgencies > 0) && (
          <Text size="sm" c="dimmed">
            {[
              r.counts.outsideScope > 0 && `${plural(r.counts.outsideScope, 'row')} of other states or districts left out.`,
              r.counts.closedNotCreated > 0 &&
                (r.kind === 'ccd'
                  ? `${plural(r.counts.closedNotCreated, 'closed school or district', 'closed schools or districts')} that Trellis never had: not created.`
                  : `${plural(r.counts.closedNotCreated, 'organization')} closed or marked to be deleted that Trellis never had: not created.`),
              r.counts.serviceAgencies > 0 && `${plural(r.counts.serviceAgencies, 'regional service agency', 'regional service agencies')} without schools left out (regions come from the regions file).`,
            ]
              .filter(Boolean)
              .join(' ')}
          </Text>
        )}
        {r.problemCount > 0 && <ProblemsTable runId={r.id} total={r.problemCount} />}
        <ChangesTable runId={r.id} total={r.counts.creates + r.counts.updates + r.counts.archives} />
        {r.people && <RoleMappingPanel run={r} onDirty={setMappingDirty} />}
        {r.people && <PeopleTable runId={r.id} total={r.people.counts.creates + r.people.counts.updates + r.people.counts.unchanged + r.people.counts.skipped} />}
        {r.status === 'previewed' && (
          <Stack gap="sm">
            {r.problemCount > 0 && (
              <Checkbox
                checked={skip}
                onChange={(e) => setSkip(e.currentTarget.checked)}
                label={`Leave out the ${plural(r.counts.problemRows, 'row')} with problems and import everything else`}
              />
            )}
            <Group>
              <Button onClick={doApply} loading={apply.isPending} disabled={(r.problemCount > 0 && !skip) || mappingDirty} data-testid="apply-import">
                Apply: {total === 0 ? 'nothing to change' : `${plural(total, 'change')}`}
              </Button>
              <Button variant="default" onClick={() => discard.mutate({ id: r.id, version: r.version })} loading={discard.isPending} disabled={apply.isPending}>
                Discard
              </Button>
            </Group>
            {apply.isPending && (
              <Stack gap={4}>
                <Progress value={100} animated striped aria-label="Progress of the import" />
                <Text size="sm" role="status">
                  Applying {plural(total, 'change')} in one step: all of them or, if anything fails, none.
                </Text>
              </Stack>
            )}
            {mappingDirty && (
              <Text size="sm" c="dimmed">
                Save the role mapping before applying.
              </Text>
            )}
            <ProblemAlert error={apply.error} title="The import was not applied" onReload={() => void run.refetch()} />
            <ProblemAlert error={discard.error} title="Could not discard the preview" />
          </Stack>
        )}
        {r.status === 'applied' && (
          <Alert color="green" variant="light" title="Imported" styles={{ title: { color: "#1b5e20" } }}>
            <Text size="sm">
              {formatNumber(r.counts.creates)} created, {formatNumber(r.counts.updates)} updated, {formatNumber(r.counts.archives)} archived
              {people ? `; people: ${formatNumber(people.creates)} created, ${formatNumber(people.updates)} updated, ${plural(people.grants, 'grant')} added` : ''}.{' '}
              <AnchorLink to="/units/$unitId" params={{ unitId: r.unitId }}>
                Open {r.unitName} in the organization
              </AnchorLink>
            </Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function ProblemsTable({ runId, total }: { runId: string; total: number }) {
  const [page, setPage] = useState(1);
  const problems = useImportProblems(runId, page, true);
  const pages = Math.max(1, Math.ceil(total / 25));
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {plural(total, 'problem')}: rows that cannot be used
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder data-testid="import-problems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">File</Table.Th>
              <Table.Th scope="col">Line</Table.Th>
              <Table.Th scope="col">Row</Table.Th>
              <Table.Th scope="col">Column</Table.Th>
              <Table.Th scope="col">Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(problems.data?.problems ?? []).map((p, i) => (
              <Table.Tr key={`${page}-${i}`}>
                <Table.Td>{{ schools: 'School file', leas: 'LEA file', regions: 'Regions file', feeders: 'Feeder file', orgs: 'orgs.csv', users: 'users.csv', roles: 'roles.csv', edfi: 'Ed-Fi file' }[p.file]}</Table.Td>
                <Table.Td>{p.line ?? 'whole file'}</Table.Td>
                <Table.Td>{[p.key, p.name].filter(Boolean).join(' ') || '—'}</Table.Td>
                <Table.Td>{p.field ?? '—'}</Table.Td>
                <Table.Td>{p.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': c === 'previous' ? 'Previous page of problems' : c === 'next' ? 'Next page of problems' : c })} aria-label="Pages of problems" />}
    </Stack>
  );
}

const CHANGE_LABELS: Record<string, string> = { create: 'Create', update: 'Update', archive: 'Archive' };

function ChangesTable({ runId, total }: { runId: string; total: number }) {
  const [page, setPage] = useState(1);
  const changes = useImportChanges(runId, page);
  const pages = Math.max(1, Math.ceil((changes.data?.total ?? total) / 25));
  if (!changes.data || changes.data.total === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Changes ({formatNumber(changes.data.total)})
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder data-testid="import-changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Change</Table.Th>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">NCES id</Table.Th>
              <Table.Th scope="col">What changes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.data.changes.map((c) => (
              <Table.Tr key={`${c.unitId}`}>
                <Table.Td>{CHANGE_LABELS[c.action]}</Table.Td>
                <Table.Td>{UNIT_KIND_LABELS[c.kind as 'school'] ?? c.kind}</Table.Td>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.ncesId ?? '—'}</Table.Td>
                <Table.Td>{c.action === 'create' ? 'new' : c.changes.join(', ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': c === 'previous' ? 'Previous page of changes' : c === 'next' ? 'Next page of changes' : c })} aria-label="Pages of changes" />}
    </Stack>
  );
}

const REASONS: Record<string, string> = { nearest: 'nearest', zip: 'same ZIP code', city: 'same city', file: 'from the file', edited: 'chosen by hand', none: 'no match' };

function FeederReviewPanel({ runId }: { runId: string }) {
  const run = useImportRun(runId);
  const [page, setPage] = useState(1);
  const review = useFeederReview(runId, page);
  const edit = useEditFeeders(runId);
  const [edits, setEdits] = useState<Record<string, string | null>>({});
  const announce = useAnnounce();
  const pages = Math.max(1, Math.ceil((review.data?.total ?? 0) / (review.data?.pageSize ?? 5)));
  const editCount = Object.keys(edits).length;
  const currentOf = useMemo(() => new Map((review.data?.districts ?? []).flatMap((d) => d.assignments.map((a) => [a.schoolId, a.highSchoolId] as const))), [review.data]);
  if (!run.data) return null;
  const r = run.data;
  const save = () =>
    edit.mutate(
      { version: r.version, assignments: Object.entries(edits).map(([schoolId, highSchoolId]) => ({ schoolId, highSchoolId })) },
      {
        onSuccess: () => {
          announce(`Saved ${plural(editCount, 'change')} to the feeder patterns.`);
          setEdits({});
        },
      },
    );
  return (
    <Stack gap="md" data-testid="feeder-review">
      {review.data && review.data.total === 0 ? (
        <Text size="sm">No district here has several high schools: there is nothing to suggest.</Text>
      ) : (
        <>
          <Text size="sm">
            {plural(review.data?.total ?? 0, 'district')} with several high schools. {r.status === 'previewed' ? 'Change where a school belongs, save, then apply.' : ''}
          </Text>
          {(review.data?.districts ?? []).map((d) => (
            <Table.ScrollContainer minWidth={560} key={d.districtId}>
              <Table withTableBorder data-testid="feeder-district">
                <Table.Caption>{d.districtName}: {plural(d.highSchools.length, 'high school')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">School</Table.Th>
                    <Table.Th scope="col">Level</Table.Th>
                    <Table.Th scope="col">Feeds into</Table.Th>
                    <Table.Th scope="col">Why</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.assignments.map((a) => (
                    <Table.Tr key={a.schoolId}>
                      <Table.Th scope="row">{a.schoolName}</Table.Th>
                      <Table.Td>{a.level ?? '—'}</Table.Td>
                      <Table.Td>
                        <NativeSelect
                          aria-label={`High school that ${a.schoolName} feeds into`}
                          disabled={r.status !== 'previewed'}
                          value={(a.schoolId in edits ? edits[a.schoolId] : currentOf.get(a.schoolId)) ?? ''}
                          onChange={(e) => {
                            const value = e.currentTarget.value || null;
                            setEdits((all) => {
                              const next = { ...all };
                              if (value === (currentOf.get(a.schoolId) ?? null)) delete next[a.schoolId];
                              else next[a.schoolId] = value;
                              return next;
                            });
                          }}
                          data={[{ value: '', label: 'Stays where it is' }, ...d.highSchools.map((h) => ({ value: h.id, label: h.name }))]}
                        />
                      </Table.Td>
                      <Table.Td>
                        {REASONS[a.reason] ?? a.reason}
                        {a.distanceKm !== null ? ` (${a.distanceKm} km)` : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ))}
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': c === 'previous' ? 'Previous page of districts' : c === 'next' ? 'Next page of districts' : c })} aria-label="Pages of districts" />}
          {r.status === 'previewed' && (
            <Group>
              <Button variant="default" onClick={save} disabled={editCount === 0} loading={edit.isPending}>
                Save {editCount > 0 ? plural(editCount, 'change') : 'changes'}
              </Button>
            </Group>
          )}
          <ProblemAlert error={edit.error} title="Could not save the feeder patterns" onReload={() => void run.refetch()} />
        </>
      )}
      {editCount > 0 && <Text size="sm" c="dimmed">Save your changes before applying.</Text>}
      {editCount === 0 && <RunPanel runId={runId} heading="Feeder patterns" />}
    </Stack>
  );
}

const CHOICES = [{ value: 'skip', label: 'Skipped: no account' }, ...ROLES.map((r) => ({ value: r, label: `${ROLE_LABELS[r]} at the org` }))];

/** The OneRoster role → Trellis grant mapping under review: one choice per role the files use. */
function RoleMappingPanel({ run, onDirty }: { run: ImportRun; onDirty: (dirty: boolean) => void }) {
  const edit = useEditRoleMapping(run.id);
  const announce = useAnnounce();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const p = run.people!;
  const count = Object.keys(edits).length;
  useEffect(() => onDirty(count > 0), [count, onDirty]);
  const save = () =>
    edit.mutate(
      { version: run.version, mapping: edits as never },
      {
        onSuccess: (next) => {
          setEdits({});
          const c = next.people!.counts;
          announce(`Role mapping saved: ${plural(c.creates, 'person', 'people')} to create, ${plural(c.grants, 'grant')} to add.`);
        },
      },
    );
  const c = p.counts;
  return (
    <Stack gap="xs" data-testid="role-mapping">
      <Title order={3} size="h4">
        Roles → grants
      </Title>
      <Text size="sm">
        Each OneRoster role becomes a grant at the user’s org, or nothing. Students, guardians and parents never become people. {plural(c.creates, 'person', 'people')} to create,{' '}
        {formatNumber(c.updates)} to update, {formatNumber(c.unchanged)} unchanged, {plural(c.grants, 'grant')} to add; {plural(c.skipped, 'staff user')} skipped by the mapping,{' '}
        {plural(c.learners, 'student or family member', 'students and family members')} not imported{c.withoutRole + c.inactive > 0 ? `, ${plural(c.withoutRole + c.inactive, 'user')} without a current role` : ''}.
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder data-testid="role-mapping-table">
          <Table.Caption>Proposed grant for each OneRoster role</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">OneRoster role</Table.Th>
              <Table.Th scope="col">Users</Table.Th>
              <Table.Th scope="col">Becomes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(p.usersByRole)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([role, users]) => (
                <Table.Tr key={role}>
                  <Table.Th scope="row">{role}</Table.Th>
                  <Table.Td>{formatNumber(users)}</Table.Td>
                  <Table.Td>
                    {isNeverPeopleRole(role) ? (
                      <Text size="sm">Never imported</Text>
                    ) : (
                      <NativeSelect
                        aria-label={`What the OneRoster role ${role} becomes`}
                        disabled={run.status !== 'previewed'}
                        value={edits[role] ?? p.mapping[role] ?? 'skip'}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setEdits((all) => {
                            const next = { ...all };
                            if (value === p.mapping[role]) delete next[role];
                            else next[role] = value;
                            return next;
                          });
                        }}
                        data={CHOICES}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {run.status === 'previewed' && (
        <Group>
          <Button variant="default" onClick={save} disabled={count === 0} loading={edit.isPending} data-testid="save-role-mapping">
            Save the role mapping{count > 0 ? ` (${plural(count, 'change')})` : ''}
          </Button>
        </Group>
      )}
      <ProblemAlert error={edit.error} title="Could not save the role mapping" />
    </Stack>
  );
}

const PERSON_ACTIONS: Record<string, string> = { create: 'Create', update: 'Update', unchanged: 'Unchanged' };

function PeopleTable({ runId, total }: { runId: string; total: number }) {
  const [page, setPage] = useState(1);
  const people = useImportPeople(runId, page);
  if (!people.data || people.data.total === 0) return null;
  const pages = Math.max(1, Math.ceil((people.data.total ?? total) / 25));
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Staff users ({formatNumber(people.data.total)})
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder data-testid="import-people">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Person</Table.Th>
              <Table.Th scope="col">Email</Table.Th>
              <Table.Th scope="col">Roles</Table.Th>
              <Table.Th scope="col">Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.data.people.map((p) => (
              <Table.Tr key={p.personId}>
                <Table.Th scope="row">{p.name}</Table.Th>
                <Table.Td>{p.email}</Table.Td>
                <Table.Td>{p.roles.map((r) => `${r.role} at ${r.unitName}${r.existingRole ? ` (already ${r.existingRole})` : ''}`).join('; ')}</Table.Td>
                <Table.Td>{PERSON_ACTIONS[p.action]}{p.changes.length > 0 ? `: ${p.changes.join(', ')}` : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': c === 'previous' ? 'Previous page of staff users' : c === 'next' ? 'Next page of staff users' : c })} aria-label="Pages of staff users" />}
    </Stack>
  );
}
