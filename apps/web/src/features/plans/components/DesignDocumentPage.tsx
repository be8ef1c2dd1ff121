// A unit's design document: vision, aims, rationale, the intervention framework adopted and the
// features fidelity requires. A unit without one adopts the design of a unit above (its prototype,
// prefilled for adapting) or writes its own. An adapted design shows every adaptation against the
// prototype in words, changes to essential features flagged first. Every saved version is kept;
// any two can be compared.
import { useState } from 'react';
import { Alert, Badge, Button, Group, List, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DesignDocumentCreate, DesignDocumentUpdate, type DesignChange, type DesignFeature, type DesignFrameworkRef, type UnitDetail } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { api } from '../../../lib/api';
import { mayAt } from '../../../lib/access';
import { formatDateTime } from '../../../lib/format';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { useDialogForm } from '../../../lib/useDialogForm';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useCreateDesign, useSaveDesign } from '../api/planMutations';
import { designCompareQuery, designVersionsQuery, planFrameworkQuery, planUnitQuery, unitDesignQuery, type DesignDocumentRecord, type UnitDesignAnswer } from '../api/planQueries';
import { DesignForm, designContent, designValues, type DesignValues } from './DesignForm';
import { Section } from './Section';
import { UnitCrumbs } from './UnitCrumbs';

export function DesignDocumentPage({ unitId }: { unitId: string }) {
  const session = useSession();
  const unit = useQuery(planUnitQuery(unitId));
  const design = useQuery(unitDesignQuery(unitId));
  const framework = useQuery(planFrameworkQuery);
  const [mode, setMode] = useState<'view' | 'edit' | { adopt: string | null }>('view');
  usePageTitle(unit.data ? `Design document · ${unit.data.name}` : 'Design document');

  if (unit.isPending) return <Loading label="Loading the unit…" />;
  if (unit.isError) return isProblem(unit.error, 404) ? <NotFoundMessage what="unit" /> : <ProblemAlert error={unit.error} title="Could not load the unit" />;
  const u = unit.data;
  const mayManage = !u.archived && mayAt(session, [...u.ancestors.map((a) => a.id), u.id], 'leader');

  return (
    <>
      <UnitCrumbs unit={u} current="Design document" />
      <Stack gap="lg" mt="sm">
        <PageHeader
          title={`Design document: ${u.name}`}
          description="The vision, aims and rationale of the system of learning supports, the intervention framework adopted, and the features fidelity requires."
          actions={
            <AnchorLink to="/units/$unitId/plans" params={{ unitId: u.id }}>
              Plans
            </AnchorLink>
          }
        />
        {design.isPending || framework.isPending ? (
          <Loading label="Loading the design document…" />
        ) : design.isError ? (
          <ProblemAlert error={design.error} title="Could not load the design document" />
        ) : design.data.document === null ? (
          typeof mode === 'object' ? (
            <CreateDesign unit={u} answer={design.data} adopt={mode.adopt} framework={framework.data ?? null} onDone={() => setMode('view')} />
          ) : (
            <NoDesign unit={u} answer={design.data} mayManage={mayManage} onAdopt={(id) => setMode({ adopt: id })} />
          )
        ) : mode === 'edit' ? (
          <EditDesign unitId={u.id} doc={design.data.document} framework={framework.data ?? null} onDone={() => setMode('view')} />
        ) : (
          <ViewDesign doc={design.data.document} mayManage={mayManage} onEdit={() => setMode('edit')} />
        )}
      </Stack>
    </>
  );
}

function NoDesign({ unit, answer, mayManage, onAdopt }: { unit: UnitDetail; answer: UnitDesignAnswer; mayManage: boolean; onAdopt: (prototypeId: string | null) => void }) {
  const nearest = answer.prototypes[0];
  return (
    <Section id="no-design-heading" title="No design document yet">
      <Stack gap="sm">
        <Text size="sm">
          {unit.name} has no design document yet.
          {nearest ? ` ${nearest.unitName} has one: adopting it starts from its words, and every change you make is shown against it.` : ''}
        </Text>
        {mayManage ? (
          <Group gap="sm">
            {answer.prototypes.map((p) => (
              <Button key={p.id} onClick={() => onAdopt(p.id)}>
                Adopt the design of {p.unitName}
              </Button>
            ))}
            <Button variant="default" onClick={() => onAdopt(null)}>
              Write our own
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            A leader of {unit.name} writes it.
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function CreateDesign({ unit, answer, adopt, framework, onDone }: { unit: UnitDetail; answer: UnitDesignAnswer; adopt: string | null; framework: DesignFormFramework; onDone: () => void }) {
  const prototype = answer.prototypes.find((p) => p.id === adopt) ?? null;
  const create = useCreateDesign();
  const form = useDialogForm(onDone);
  const [values, setValues] = useState<DesignValues>(() => designValues(prototype?.content ?? null, framework));
  return (
    <Section id="write-design-heading" title={prototype ? `Adapt the design of ${prototype.unitName}` : 'Write the design document'}>
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          form.send(DesignDocumentCreate, { unitId: unit.id, adoptedFromId: prototype?.id ?? null, ...designContent(values) }, (input) => create.mutateAsync(input), () => `Saved the design document of ${unit.name}.`);
        }}
      >
        <Stack gap="md">
          {prototype && (
            <Text size="sm">
              Prefilled from {prototype.unitName}’s design (version {prototype.version}). Change what does not fit {unit.name}; each change is listed as an
              adaptation, and changes to essential features are flagged.
            </Text>
          )}
          <ProblemAlert error={create.error} title="Could not save the design document" />
          <DesignForm values={values} onChange={setValues} errors={form.errors} framework={framework} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Save the design document
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

type DesignFormFramework = Parameters<typeof DesignForm>[0]['framework'];

function EditDesign({ unitId, doc, framework, onDone }: { unitId: string; doc: DesignDocumentRecord; framework: DesignFormFramework; onDone: () => void }) {
  const save = useSaveDesign(doc.id);
  const form = useDialogForm(onDone);
  const [values, setValues] = useState<DesignValues>(() => designValues(doc.content, framework));
  const [version, setVersion] = useState(doc.version);
  const reload = form.reloader(
    save,
    async () => (await api<UnitDesignAnswer>(`/api/units/${encodeURIComponent(unitId)}/design-document`)).document ?? undefined,
    (fresh) => {
      setValues(designValues(fresh.content, framework));
      setVersion(fresh.version);
    },
  );
  return (
    <Section id="edit-design-heading" title={`Change the design document (saves version ${version + 1})`}>
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          form.send(DesignDocumentUpdate, { version, ...designContent(values) }, (input) => save.mutateAsync(input), (d) => `Saved version ${d.version} of the design document.`);
        }}
      >
        <Stack gap="md">
          <Text size="sm">Saving keeps the version it replaces; any two versions can be compared below the document.</Text>
          <ProblemAlert error={save.error} title="Could not save the design document" onReload={reload} />
          <DesignForm values={values} onChange={setValues} errors={form.errors} framework={framework} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save a new version
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

const frameworkWords = (f: DesignFrameworkRef | null) => (f ? `${f.id}, version ${f.version}` : 'None adopted');

function ViewDesign({ doc, mayManage, onEdit }: { doc: DesignDocumentRecord; mayManage: boolean; onEdit: () => void }) {
  const c = doc.content;
  return (
    <>
      <Section id="design-heading" title={`Version ${doc.version}`}>
        <Stack gap="sm" data-testid="design-document">
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {doc.prototype ? `Adopted from ${doc.prototype.unitName}’s design and adapted.` : 'Written for this unit.'}
            </Text>
            {mayManage && <Button onClick={onEdit}>Change the design document</Button>}
          </Group>
          <Title order={3} size="h5">
            Vision
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{c.vision}</Text>
          <Title order={3} size="h5">
            Aims
          </Title>
          {c.aims.length ? (
            <List type="ordered">
              {c.aims.map((a, i) => (
                <List.Item key={i}>{a}</List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm" c="dimmed">
              None listed.
            </Text>
          )}
          <Title order={3} size="h5">
            Rationale
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{c.rationale}</Text>
          <Title order={3} size="h5">
            Intervention framework
          </Title>
          <Text>{frameworkWords(c.framework)}</Text>
          <Title order={3} size="h5">
            Features fidelity requires
          </Title>
          {c.essentialFeatures.length ? (
            <List>
              {c.essentialFeatures.map((f) => (
                <List.Item key={f.key}>
                  {f.text}{' '}
                  {f.essential && (
                    <Badge size="sm" variant="filled" color="gray.8">
                      Essential
                    </Badge>
                  )}
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm" c="dimmed">
              None listed.
            </Text>
          )}
        </Stack>
      </Section>
      {doc.prototype && doc.comparison && (
        <Section id="comparison-heading" title={`Compared with ${doc.prototype.unitName}’s design`} testId="design-comparison">
          <Stack gap="sm">
            {doc.comparison.essentialChanges.length > 0 ? (
              <Alert color="red" variant="light" title={`${doc.comparison.essentialChanges.length} change${doc.comparison.essentialChanges.length === 1 ? '' : 's'} to essential features`} data-testid="essential-changes">
                <List size="sm">
                  {doc.comparison.essentialChanges.map((a) => (
                    <List.Item key={a.path}>{a.message}</List.Item>
                  ))}
                </List>
              </Alert>
            ) : (
              <Text size="sm">Every essential feature of the prototype is kept as it was.</Text>
            )}
            {doc.comparison.adaptations.length === 0 ? (
              <Text size="sm">No adaptations: the design is the prototype’s word for word.</Text>
            ) : (
              <>
                <Text size="sm" fw={500}>
                  Every adaptation ({doc.comparison.adaptations.length}):
                </Text>
                <List size="sm">
                  {doc.comparison.adaptations.map((a) => (
                    <List.Item key={a.path + a.change}>
                      {a.essential && (
                        <Badge size="sm" variant="filled" color="red.9" mr={6}>
                          Essential
                        </Badge>
                      )}
                      {a.message}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
        </Section>
      )}
      {doc.adaptedBy.length > 0 && (
        <Section id="adapted-by-heading" title="Units that adopted this design">
          <List size="sm">
            {doc.adaptedBy.map((a) => (
              <List.Item key={a.id}>
                <AnchorLink to="/units/$unitId/design" params={{ unitId: a.unitId }}>
                  {a.unitName}
                </AnchorLink>
                : {a.adaptations} adaptation{a.adaptations === 1 ? '' : 's'}
                {a.essentialChanges ? `, ${a.essentialChanges} to essential features` : ', essential features kept'}
              </List.Item>
            ))}
          </List>
        </Section>
      )}
      <Versions key={doc.version} doc={doc} />
    </>
  );
}

const value = (v: DesignChange['from']) => (v === null ? '' : typeof v === 'string' ? v : 'text' in v ? (v as DesignFeature).text : `${v.id} ${v.version}`);

function changeWords(c: DesignChange): string {
  const what = c.field === 'essentialFeatures' ? `Feature “${c.key}”` : c.field === 'aims' ? `Aim ${(c.indexAfter ?? c.indexBefore ?? 0) + 1}` : c.field[0]!.toUpperCase() + c.field.slice(1);
  if (c.change === 'added') return `${what} added: “${value(c.to)}”`;
  if (c.change === 'removed') return `${what} removed (was “${value(c.from)}”)`;
  if (c.change === 'moved') return `${what} moved from position ${(c.indexBefore ?? 0) + 1}: “${value(c.to)}”`;
  const parts = c.parts?.includes('essential') ? ` (${(c.to as DesignFeature).essential ? 'now essential' : 'no longer essential'})` : '';
  return `${what} changed from “${value(c.from)}” to “${value(c.to)}”${parts}`;
}

function Versions({ doc }: { doc: DesignDocumentRecord }) {
  const versions = useQuery(designVersionsQuery(doc.id));
  const [a, setA] = useState(Math.max(1, doc.version - 1));
  const [b, setB] = useState(doc.version);
  const compare = useQuery({ ...designCompareQuery(doc.id, a, b), enabled: doc.version > 1 && a !== b });
  const options = Array.from({ length: doc.version }, (_, i) => ({ value: String(doc.version - i), label: `Version ${doc.version - i}` }));
  return (
    <Section id="versions-heading" title="Versions" testId="design-versions">
      {versions.isPending ? (
        <Loading />
      ) : versions.isError ? (
        <ProblemAlert error={versions.error} title="Could not load the versions" />
      ) : (
        <Stack gap="sm">
          <List size="sm">
            {versions.data.map((r) => (
              <List.Item key={r.revision}>
                Version {r.revision}
                {r.savedAt ? `, saved ${formatDateTime(r.savedAt)}` : ''}
                {r.savedByName ? ` by ${r.savedByName}` : ''}
              </List.Item>
            ))}
          </List>
          {doc.version > 1 && (
            <>
              <Group gap="sm" align="flex-end">
                <NativeSelect label="Compare" value={String(a)} onChange={(e) => setA(Number(e.currentTarget.value))} data={options} />
                <NativeSelect label="with" value={String(b)} onChange={(e) => setB(Number(e.currentTarget.value))} data={options} />
              </Group>
              {a === b ? (
                <Text size="sm">Choose two different versions.</Text>
              ) : compare.isPending ? (
                <Loading />
              ) : compare.isError ? (
                <ProblemAlert error={compare.error} title="Could not compare the versions" />
              ) : compare.data.changes.length === 0 ? (
                <Text size="sm">No differences.</Text>
              ) : (
                <List size="sm" data-testid="design-version-changes" aria-label={`Changes from version ${a} to version ${b}`}>
                  {compare.data.changes.map((c) => (
                    <List.Item key={c.path + c.change}>{changeWords(c)}</List.Item>
                  ))}
                </List>
              )}
            </>
          )}
        </Stack>
      )}
    </Section>
  );
}
