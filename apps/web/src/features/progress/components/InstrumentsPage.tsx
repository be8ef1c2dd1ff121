// A unit's benchmark instruments: the checklist Trellis ships (its version, each item citing where the
// documents ask for it) and those the agency built (who built it, from what, which items it left
// out, reworded or added, and who added them). Members start an assessment with any instrument in
// use; leaders build a new one, publish a new version of their own, or retire one.
import { useState } from 'react';
import { Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { benchmarkItemsByArea, compareInstrumentVersions, formatCitation, instrumentDepartures, PLAN_PHASE_CATALOG, type BenchmarkItem, type UnitDetail } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { formatDateTime } from '../../../lib/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { Section } from '../../plans/components/Section';
import { instrumentRef, unitInstrumentsQuery, type BenchmarkInstrumentRecord } from '../api/instrumentQueries';
import { useRetireInstrument } from '../api/instrumentMutations';
import { ProgressFrame } from './ProgressFrame';
import { StartAssessment } from './StartAssessment';
import { WithUnit } from './WithUnit';

export function InstrumentsPage({ unitId }: { unitId: string }) {
  return <WithUnit unitId={unitId}>{(access) => <Instruments {...access} />}</WithUnit>;
}

function Instruments({ unit, mayRecord, mayManage }: { unit: UnitDetail; mayRecord: boolean; mayManage: boolean }) {
  usePageTitle(`Benchmark instruments · ${unit.name}`);
  const instruments = useQuery(unitInstrumentsQuery(unit.id));
  const navigate = useNavigate();
  const [retiring, setRetiring] = useState<BenchmarkInstrumentRecord | null>(null);
  const retire = useRetireInstrument();
  const announce = useAnnounce();

  const list = instruments.data?.benchmark ?? [];
  const inUse = list.filter((i) => !i.retiredAt);
  const retired = list.filter((i) => i.retiredAt);
  // The latest version of each of the unit's own ids: the one a new version starts from.
  const newest = new Map<string, BenchmarkInstrumentRecord>();
  for (const i of list.filter((x) => x.owner?.unitId === unit.id)) {
    const seen = newest.get(i.id);
    if (!seen || compareInstrumentVersions(i.version, seen.version) > 0) newest.set(i.id, i);
  }
  const latest = new Set([...newest.values()].map(instrumentRef));

  return (
    <ProgressFrame
      unit={unit}
      section="instruments"
      title={`Benchmark instruments: ${unit.name}`}
      description={`The checklists ${unit.name} rates itself against: the one Trellis ships, built from the documents, and those built by ${unit.name} or a unit above it. An instrument is used where it was built and below.`}
      actions={
        mayManage && (
          <Button renderRoot={(props) => <Link {...props} to="/units/$unitId/progress/instruments/new" params={{ unitId: unit.id }} />}>
            Build an instrument
          </Button>
        )
      }
    >
      {mayRecord && (
        <Section id="start-heading" title="Assess a period">
          <StartAssessment unit={unit} onOpen={(a) => void navigate({ to: '/benchmark-assessments/$assessmentId', params: { assessmentId: a.id } })} />
        </Section>
      )}
      {instruments.isPending ? (
        <Loading label="Loading the instruments…" />
      ) : instruments.isError ? (
        <ProblemAlert error={instruments.error} title="Could not load the instruments" />
      ) : (
        <>
          <Section id="in-use-heading" title={`In use (${inUse.length})`} testId="instruments-in-use">
            <Stack gap="md">
              {inUse.map((i) => (
                <InstrumentCard
                  key={instrumentRef(i)}
                  instrument={i}
                  unit={unit}
                  mayManage={mayManage}
                  isLatestOwn={latest.has(instrumentRef(i))}
                  onRetire={() => {
                    retire.reset();
                    setRetiring(i);
                  }}
                />
              ))}
            </Stack>
          </Section>
          {retired.length > 0 && (
            <Section id="retired-heading" title={`Retired (${retired.length})`} testId="instruments-retired">
              <Text size="sm" mb="sm">
                Not offered for new assessments; the assessments made with them keep them.
              </Text>
              <Stack gap="md">
                {retired.map((i) => (
                  <InstrumentCard key={instrumentRef(i)} instrument={i} unit={unit} mayManage={mayManage} isLatestOwn={latest.has(instrumentRef(i))} onRetire={null} />
                ))}
              </Stack>
            </Section>
          )}
        </>
      )}
      <ConfirmDialog
        opened={retiring !== null}
        title={`Retire ${retiring?.name ?? ''} ${retiring?.version ?? ''}?`}
        confirmLabel="Retire"
        danger
        pending={retire.isPending}
        error={retire.error}
        onClose={() => setRetiring(null)}
        onConfirm={() =>
          retiring &&
          retire.mutate(
            { instrument: { id: retiring.id, version: retiring.version } },
            {
              onSuccess: (r) => {
                announce(`Retired ${r.name} ${r.version}.`);
                setRetiring(null);
              },
            },
          )
        }
      >
        No one will be able to start a new assessment with it. Assessments already made with it keep it, and so do their roll-ups and reports.
      </ConfirmDialog>
    </ProgressFrame>
  );
}

function provenance(i: BenchmarkInstrumentRecord): string {
  if (!i.owner) return `Shipped with Trellis, published ${i.publishedOn}.`;
  const by = i.createdByName ? ` by ${i.createdByName}` : '';
  const when = i.createdAt ? ` on ${formatDateTime(i.createdAt)}` : '';
  const from = i.basedOn ? ` from ${i.basedOn.id} ${i.basedOn.version}` : ' from a blank page';
  return `Built for ${i.owner.unitName}${by}${when}${from}.`;
}

function InstrumentCard({ instrument: i, unit, mayManage, isLatestOwn, onRetire }: { instrument: BenchmarkInstrumentRecord; unit: UnitDetail; mayManage: boolean; isLatestOwn: boolean; onRetire: (() => void) | null }) {
  const headingId = `instrument-${i.id}-${i.version}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  const d = instrumentDepartures(i);
  const own = i.owner?.unitId === unit.id;
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={headingId} data-testid="instrument">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Title order={3} id={headingId}>
            {i.name}
          </Title>
          <Badge variant="light" color="gray">
            Version {i.version}
          </Badge>
          {!i.owner && (
            <Badge variant="light" color="trellis">
              Shipped checklist
            </Badge>
          )}
          {i.retiredAt && (
            <Badge variant="light" color="red">
              Retired
            </Badge>
          )}
        </Group>
        <Text size="sm">{i.summary}</Text>
        <Text size="sm" c="dimmed">
          {provenance(i)} {i.items.length} items in {i.areas.length} areas, each rated not yet, planned, developing or fully in place.
          {i.retiredAt ? ` Retired${i.retiredByName ? ` by ${i.retiredByName}` : ''} on ${formatDateTime(i.retiredAt)}.` : ''}
        </Text>
        {i.owner ? (
          i.basedOn && (
            <Text size="sm" data-testid="instrument-departures">
              Compared with {i.basedOn.id} {i.basedOn.version}: {d.kept} kept as written, {d.reworded.length} reworded, {d.removed.length} left out, {d.added.length} added.
              {d.removed.length > 0 ? ` Left out: ${d.removed.map((r) => r.title).join('; ')}.` : ''}
            </Text>
          )
        ) : (
          <Text size="sm">
            Every item cites where the documents ask for it. {i.source ? `The instrument answers: ${formatCitation(i.source)}.` : ''}
          </Text>
        )}
        <details>
          <summary style={{ cursor: 'pointer' }}>
            <Text component="span" size="sm" fw={600}>
              Show the {i.items.length} items
            </Text>
          </summary>
          <Stack gap="sm" mt="sm">
            {benchmarkItemsByArea(i)
              .filter((g) => g.items.length > 0)
              .map(({ area, items }) => (
                <div key={area.key}>
                  <Title order={4}>{area.label}</Title>
                  <List spacing={6} size="sm" mt={4}>
                    {items.map((item) => (
                      <List.Item key={item.key} data-testid="instrument-item">
                        <ItemText item={item} />
                      </List.Item>
                    ))}
                  </List>
                </div>
              ))}
          </Stack>
        </details>
        {mayManage && !i.retiredAt && (
          <Group gap="xs" mt={4} wrap="wrap">
            <Button
              size="xs"
              variant="default"
              renderRoot={(props) => <Link {...props} to="/units/$unitId/progress/instruments/new" params={{ unitId: unit.id }} search={{ from: instrumentRef(i) }} />}
              aria-describedby={headingId}
            >
              Build a copy
            </Button>
            {own && isLatestOwn && (
              <Button
                size="xs"
                variant="default"
                renderRoot={(props) => <Link {...props} to="/units/$unitId/progress/instruments/new" params={{ unitId: unit.id }} search={{ from: instrumentRef(i), newVersion: true }} />}
                aria-describedby={headingId}
              >
                Publish a new version
              </Button>
            )}
            {own && onRetire && (
              <Button size="xs" variant="default" color="red" onClick={onRetire} aria-describedby={headingId}>
                Retire
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function ItemText({ item }: { item: BenchmarkItem }) {
  const phase = item.phase ? PLAN_PHASE_CATALOG[item.phase].label : 'Every phase';
  return (
    <>
      <Text component="span" size="sm" fw={600}>
        {item.title}
      </Text>
      <Text size="xs" c="dimmed">
        Phase: {phase}. Evidence: {item.evidence}
      </Text>
      {item.source && (
        <Text size="xs" c="dimmed">
          Source: {formatCitation(item.source)}
        </Text>
      )}
      {item.addedBy && (
        <Text size="xs" data-testid="added-by">
          Added by {item.addedBy}; it cites no document.
        </Text>
      )}
      {item.changedBy && (
        <Text size="xs" data-testid="changed-by">
          Reworded by {item.changedBy}
          {item.departures?.title ? `; it said “${item.departures.title}”` : ''}
          {item.departures?.evidence ? `; evidence was “${item.departures.evidence}”` : ''}
          {item.departures?.area ? `; it was in another area (${item.departures.area})` : ''}
          {item.departures?.phase !== undefined ? `; its phase was ${item.departures.phase ? PLAN_PHASE_CATALOG[item.departures.phase].label : 'every phase'}` : ''}.
        </Text>
      )}
    </>
  );
}
