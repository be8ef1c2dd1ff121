// A unit's resource map: the framework matrix (summed over the schools under a feeder pattern,
// district or state), the findings in plain words, the priority needs the work group ranks, the
// recommendations drawn from them, the unit's own inventory, import and export, and frozen maps.
import { useState, type ReactNode } from 'react';
import { NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { interventionCellName, RESOURCE_FINDING_LABELS, type UnitDetail } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { mayAt } from '../../../lib/access';
import { api } from '../../../lib/api';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { useDialog } from '../../../lib/useDialog';
import { usePageTitle } from '../../../lib/usePageTitle';
import { frameworkQuery, priorityNeedsQuery, recommendationsQuery, resourceMapQuery, snapshotsQuery, unitResourcesQuery, type Finding, type PriorityNeedRecord } from '../api/resourceQueries';
import { Findings } from './Findings';
import { ImportPanel } from './ImportPanel';
import { PriorityNeedDialog, type PriorityNeedSeed } from './PriorityNeedDialog';
import { PriorityNeeds } from './PriorityNeeds';
import { Inventory } from './Inventory';
import { MapMatrix } from './MapMatrix';
import { RecommendDialog } from './RecommendDialog';
import { Recommendations } from './Recommendations';
import { Snapshots } from './Snapshots';
import { formatPercent } from './labels';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

const THRESHOLDS = [0.02, 0.05, 0.1, 0.2];

export function ResourceMapPage({ unitId }: { unitId: string }) {
  const session = useSession();
  const unit = useQuery({ queryKey: ['units', 'detail', unitId], queryFn: ({ signal }) => api<UnitDetail>(`/api/units/${encodeURIComponent(unitId)}`, { signal }) });
  const [minCoverage, setMinCoverage] = useState(0.05);
  const framework = useQuery(frameworkQuery(unitId));
  const map = useQuery(resourceMapQuery(unitId, minCoverage));
  const resources = useQuery(unitResourcesQuery(unitId));
  const recommendations = useQuery(recommendationsQuery(unitId));
  const snapshots = useQuery(snapshotsQuery(unitId));
  const needs = useQuery(priorityNeedsQuery(unitId));
  const [selected, setSelected] = useState<string | null>(null);
  const recommend = useDialog();
  const [finding, setFinding] = useState<Finding | null>(null);
  const needDialog = useDialog();
  const [need, setNeed] = useState<PriorityNeedRecord | null>(null);
  const [seed, setSeed] = useState<PriorityNeedSeed>({ rank: 1 });
  usePageTitle(unit.data ? `Resource map · ${unit.data.name}` : 'Resource map');

  if (unit.isPending) return <Loading label="Loading the unit…" />;
  if (unit.isError) return isProblem(unit.error, 404) ? <NotFoundMessage what="unit" /> : <ProblemAlert error={unit.error} title="Could not load the unit" />;
  const u = unit.data;
  const mayManage = !u.archived && mayAt(session, [...u.ancestors.map((a) => a.id), u.id], 'member');
  const granted = new Set(session.grants.map((g) => g.unitId));
  const firstReachable = session.person.isSystemAdmin ? 0 : u.ancestors.findIndex((a) => granted.has(a.id));
  const crumbs = [
    { key: 'org', content: <AnchorLink to="/organization" size="sm">Organization</AnchorLink> },
    ...u.ancestors.map((a, i) => ({
      key: a.id,
      content:
        firstReachable !== -1 && i >= firstReachable ? (
          <AnchorLink to="/units/$unitId" params={{ unitId: a.id }} size="sm">
            {a.name}
          </AnchorLink>
        ) : (
          <Text span size="sm" c="dimmed">
            {a.name}
          </Text>
        ),
    })),
    { key: u.id, content: <AnchorLink to="/units/$unitId" params={{ unitId: u.id }} size="sm">{u.name}</AnchorLink> },
  ];

  const loading = <Loading label="Loading the map…" />;
  const nextRank = () => Math.min(1000, Math.max(0, ...(needs.data ?? []).map((n) => n.rank)) + 1);
  const editNeed = (n: PriorityNeedRecord | null, from?: PriorityNeedSeed) => {
    setNeed(n);
    setSeed(from ?? { rank: nextRank() });
    needDialog.open();
  };
  const ready = framework.data && map.data && resources.data;
  const loadError = framework.error ?? map.error ?? resources.error;

  return (
    <>
      <Breadcrumbs crumbs={crumbs} current="Resource map" />
      <Stack gap="lg" mt="sm">
        <PageHeader
          title={`Resource map: ${u.name}`}
          description="The student and learning supports here, placed on the intervention framework: current activity, gaps, redundancies, and what to recommend."
        />
        {loadError ? (
          <ProblemAlert error={loadError} title="Could not load the resource map" />
        ) : !ready ? (
          loading
        ) : (
          <>
            <Section id="map-heading" title="Map">
              <Stack gap="sm">
                <NativeSelect
                  label="A cell is a gap when it serves fewer than"
                  value={String(minCoverage)}
                  onChange={(e) => setMinCoverage(Number(e.currentTarget.value))}
                  data={THRESHOLDS.map((t) => ({ value: String(t), label: `${formatPercent(t)} of the students` }))}
                  style={{ maxWidth: '20rem' }}
                />
                <MapMatrix unitId={unitId} framework={framework.data} answer={map.data} selected={selected} onSelect={setSelected} />
              </Stack>
            </Section>
            <Section id="findings-heading" title="Findings">
              <Findings
                findings={map.data.findings}
                mayRecommend={mayManage}
                onRecommend={(f) => {
                  setFinding(f);
                  recommend.open();
                }}
                onPrioritize={(f) =>
                  editNeed(null, {
                    rank: nextRank(),
                    title: `${RESOURCE_FINDING_LABELS[f.code]}${f.cells.length ? `: ${f.cells.map((c) => interventionCellName(framework.data, c)).join('; ')}` : ''}`.slice(0, 200),
                    rationale: f.explanation.slice(0, 4000),
                    cells: f.cells,
                  })
                }
              />
            </Section>
            <Section id="priority-needs-heading" title="Priority needs">
              {needs.isPending ? (
                loading
              ) : needs.isError ? (
                <ProblemAlert error={needs.error} title="Could not load the priority needs" />
              ) : (
                <PriorityNeeds unitId={unitId} unitName={u.name} framework={framework.data} needs={needs.data} mayManage={mayManage} onEdit={(n) => editNeed(n)} />
              )}
            </Section>
            <Section id="recommendations-heading" title="Recommendations">
              {recommendations.isPending ? (
                loading
              ) : recommendations.isError ? (
                <ProblemAlert error={recommendations.error} title="Could not load the recommendations" />
              ) : (
                <Recommendations unitId={unitId} recommendations={recommendations.data} needs={needs.data ?? []} mayChange={mayManage} />
              )}
            </Section>
            <Section id="inventory-heading" title="Inventory">
              <Inventory unitId={unitId} unitName={u.name} framework={framework.data} resources={resources.data} mayManage={mayManage} />
            </Section>
            <Section id="import-heading" title="Import and export">
              <ImportPanel unitId={unitId} unitName={u.name} mayManage={mayManage} />
            </Section>
            <Section id="snapshots-heading" title="Frozen maps">
              {snapshots.isPending ? (
                loading
              ) : snapshots.isError ? (
                <ProblemAlert error={snapshots.error} title="Could not load the frozen maps" />
              ) : (
                <Snapshots unitId={unitId} framework={framework.data} snapshots={snapshots.data} mayManage={mayManage} />
              )}
            </Section>
          </>
        )}
      </Stack>
      <RecommendDialog key={recommend.key} unitId={unitId} finding={finding} needs={needs.data ?? []} opened={recommend.opened} onClose={recommend.close} />
      {framework.data && <PriorityNeedDialog key={needDialog.key} unitId={unitId} framework={framework.data} need={need} seed={seed} opened={needDialog.opened} onClose={needDialog.close} />}
    </>
  );
}
