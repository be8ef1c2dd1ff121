// A unit's resource map: the framework matrix (summed over the schools under a feeder pattern,
// district or state), the findings in plain words with recommendations drawn from them, the
// unit's own inventory, import and export, and frozen maps to compare with.
import { useState, type ReactNode } from 'react';
import { NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { UnitDetail } from '@trellis/core';
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
import { frameworkQuery, recommendationsQuery, resourceMapQuery, snapshotsQuery, unitResourcesQuery, type Finding } from '../api/resourceQueries';
import { Findings } from './Findings';
import { ImportPanel } from './ImportPanel';
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
  const framework = useQuery(frameworkQuery);
  const map = useQuery(resourceMapQuery(unitId, minCoverage));
  const resources = useQuery(unitResourcesQuery(unitId));
  const recommendations = useQuery(recommendationsQuery(unitId));
  const snapshots = useQuery(snapshotsQuery(unitId));
  const [selected, setSelected] = useState<string | null>(null);
  const recommend = useDialog();
  const [finding, setFinding] = useState<Finding | null>(null);
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
                <MapMatrix framework={framework.data} answer={map.data} resources={resources.data} selected={selected} onSelect={setSelected} />
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
              />
            </Section>
            <Section id="recommendations-heading" title="Recommendations">
              {recommendations.isPending ? (
                loading
              ) : recommendations.isError ? (
                <ProblemAlert error={recommendations.error} title="Could not load the recommendations" />
              ) : (
                <Recommendations unitId={unitId} recommendations={recommendations.data} mayChange={mayManage} />
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
      <RecommendDialog key={recommend.key} unitId={unitId} finding={finding} opened={recommend.opened} onClose={recommend.close} />
    </>
  );
}
