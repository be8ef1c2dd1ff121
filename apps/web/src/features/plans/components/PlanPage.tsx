// One plan: its status and version with the approval moves the reader may make, the comment of a
// returned plan, the outline with its tasks (changed in place), a timeline by phase, progress by
// phase with the roll-up from the plans below it, and the approval history. Downloads as CSV and
// opens as a page for printing.
import { Alert, Anchor, Badge, Group, List, Stack, Tabs, Text, Timeline } from '@mantine/core';
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { PLAN_KIND_LABELS, PLAN_STATUS_DESCRIPTIONS, PLAN_STATUS_LABELS, isPlanStatus } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/format';
import { mayAt } from '../../../lib/access';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/usePageTitle';
import { planMechanismsQuery, planPath, planQuery, planUnitQuery, type PlanDetail } from '../api/planQueries';
import { ApprovalActions } from './ApprovalActions';
import { DraftActions } from './DraftActions';
import { Outline } from './Outline';
import { PhaseProgress } from './PhaseProgress';
import { PlanStatusBadge } from './PlanBadges';
import { PlanTimeline } from './PlanTimeline';
import { Section } from './Section';
import { SpawnPlan } from './SpawnPlan';
import { UnitCrumbs } from './UnitCrumbs';

export type PlanTab = 'outline' | 'timeline' | 'progress' | 'history';

interface Props {
  planId: string;
  tab: PlanTab;
  onTab: (tab: PlanTab) => void;
  onOpenPlan: (id: string) => void;
  /** After the draft is deleted: back to its unit's plans. */
  onDeleted: (unitId: string) => void;
}

const statusWord = (s: string) => (isPlanStatus(s) ? PLAN_STATUS_LABELS[s] : s);

export function PlanPage({ planId, tab, onTab, onOpenPlan, onDeleted }: Props) {
  const session = useSession();
  const plan = useQuery(planQuery(planId));
  const unitId = plan.data?.unitId;
  const unit = useQuery({ ...planUnitQuery(unitId ?? ''), enabled: !!unitId });
  const mechanisms = useQuery({ ...planMechanismsQuery(unitId ?? ''), enabled: !!unitId });
  usePageTitle(plan.data ? plan.data.title : plan.isError ? (isProblem(plan.error, 404) ? 'Not found' : 'Error') : 'Plan');

  if (plan.isPending) return <Loading label="Loading the plan…" />;
  if (plan.isError) return isProblem(plan.error, 404) ? <NotFoundMessage what="plan" /> : <ProblemAlert error={plan.error} title="Could not load the plan" />;
  const p = plan.data;
  const mayRecordProgress = !!unit.data && !unit.data.archived && mayAt(session, [...unit.data.ancestors.map((a) => a.id), unit.data.id], 'member');
  const lastReturn = [...p.history].reverse().find((h) => h.toStatus === 'revision_requested');
  const newest = p.versions[p.versions.length - 1];

  return (
    <>
      {unit.data && (
        <UnitCrumbs
          unit={unit.data}
          extra={[{ key: 'plans', content: <AnchorLink to="/units/$unitId/plans" params={{ unitId: p.unitId }} size="sm">Plans</AnchorLink> }]}
          current={p.title}
        />
      )}
      <Stack gap="lg" mt="sm">
        <PageHeader
          title={p.title}
          badges={
            <>
              <PlanStatusBadge status={p.status} size="lg" />
              <Badge variant="outline" color="gray.8" size="lg">
                Version {p.planVersion}
              </Badge>
            </>
          }
          description={
            <>
              {PLAN_KIND_LABELS[p.kind]} of {p.unitName}.
              {(p.status === 'draft' || p.status === 'revision_requested') && <span data-testid="plan-status-description"> {PLAN_STATUS_DESCRIPTIONS[p.status]}</span>}
              {p.status === 'submitted' && !p.permissions.approve && <span data-testid="plan-status-description"> Waiting for approval. {p.permissions.approveReason}</span>}
            </>
          }
          actions={
            <>
              <ApprovalActions plan={p} onOpenPlan={onOpenPlan} />
              <DraftActions plan={p} onDeleted={() => onDeleted(p.unitId)} />
            </>
          }
        />
        {p.status === 'revision_requested' && lastReturn && (
          <Alert color="red" variant="light" title="Revision requested" data-testid="revision-comment">
            <Text size="sm">
              {lastReturn.actorName ?? 'The reviewer'} returned this plan on {formatDateTime(lastReturn.at)}: “{lastReturn.comment}”
            </Text>
            <Text size="sm" mt={4}>
              Revise the tasks below, then resubmit it for approval.
            </Text>
          </Alert>
        )}
        {(p.status === 'approved' || p.status === 'submitted' || p.status === 'superseded') && (
          <Alert color="blue" variant="light" title={p.status === 'approved' ? 'Approved and frozen' : p.status === 'submitted' ? 'Under review' : 'Superseded'} data-testid="frozen-banner">
            <Text size="sm">
              {p.status === 'approved'
                ? 'The planning of this version (WHAT, WHO, HOW, WHEN, phases, dependencies) cannot change. Progress — status, evidence and links — is still recorded here. To change the plan, start a new version; this one stays in force until the new one is approved.'
                : p.status === 'submitted'
                  ? 'While the plan is reviewed its planning cannot change. Progress can still be recorded. Withdraw it to draft to change it.'
                  : 'A newer version was approved; this one is kept as it was, for the record.'}
            </Text>
            {newest && newest.id !== p.id && (
              <Text size="sm" mt={4}>
                <AnchorLink to="/plans/$planId" params={{ planId: newest.id }}>
                  Open version {newest.planVersion} ({PLAN_STATUS_LABELS[newest.status].toLowerCase()})
                </AnchorLink>
              </Text>
            )}
          </Alert>
        )}
        <Group gap="md">
          {p.parent && (
            <Text size="sm">
              Carries out{' '}
              <AnchorLink to="/plans/$planId" params={{ planId: p.parent.id }}>
                {p.parent.title}
              </AnchorLink>{' '}
              ({p.parent.unitName}).
            </Text>
          )}
          <Anchor href={`${planPath(p.id)}/export.csv`} download size="sm">
            Download CSV
          </Anchor>
          <AnchorLink to="/plans/$planId/print" params={{ planId: p.id }} size="sm">
            Printable page
          </AnchorLink>
        </Group>
        <Tabs value={tab} onChange={(v) => onTab((v as PlanTab | null) ?? 'outline')} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="outline">Outline</Tabs.Tab>
            <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
            <Tabs.Tab value="progress">Progress</Tabs.Tab>
            <Tabs.Tab value="history">History</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="outline" pt="md">
            <Outline plan={p} mechanisms={(mechanisms.data ?? []).map((m) => ({ id: m.id, name: m.name }))} mayRecordProgress={mayRecordProgress} />
          </Tabs.Panel>
          <Tabs.Panel value="timeline" pt="md">
            <PlanTimeline plan={p} />
          </Tabs.Panel>
          <Tabs.Panel value="progress" pt="md">
            <ProgressTab plan={p} spawn={mayRecordProgress ? <SpawnPlan plan={p} onCreated={(c) => onOpenPlan(c.id)} /> : null} />
          </Tabs.Panel>
          <Tabs.Panel value="history" pt="md">
            <HistoryTab plan={p} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}

function ProgressTab({ plan, spawn }: { plan: PlanDetail; spawn: ReactNode }) {
  return (
    <Stack gap="md">
      <Section id="own-progress-heading" title="This plan, by phase">
        <PhaseProgress progress={plan.progress} />
      </Section>
      <Section id="rollup-heading" title="With the plans below it">
        {spawn && <Group mb="sm">{spawn}</Group>}
        {plan.plansBelow === 0 ? (
          <Text size="sm" c="dimmed">
            No plan of a unit below carries this one out yet.
          </Text>
        ) : (
          <Stack gap="sm">
            <Text size="sm">
              This plan and the {plan.plansBelow} plan{plan.plansBelow === 1 ? '' : 's'} below it together, each task counted once.
            </Text>
            <PhaseProgress progress={plan.rollUp} />
            {plan.children.length > 0 && (
              <List spacing="xs" aria-label="Plans that carry this one out" data-testid="child-plans">
                {plan.children.map((c) => (
                  <List.Item key={c.id}>
                    <AnchorLink to="/plans/$planId" params={{ planId: c.id }}>
                      {c.title}
                    </AnchorLink>{' '}
                    ({c.unitName}, {PLAN_STATUS_LABELS[c.status].toLowerCase()}): {c.progress.overall.done} of {c.progress.overall.total} tasks done
                  </List.Item>
                ))}
              </List>
            )}
            {plan.hiddenChildren > 0 && (
              <Text size="sm" c="dimmed">
                {plan.hiddenChildren} more plan{plan.hiddenChildren === 1 ? ' is' : 's are'} of units outside your access; {plan.hiddenChildren === 1 ? 'it counts' : 'they count'} in the figures.
              </Text>
            )}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

function HistoryTab({ plan }: { plan: PlanDetail }) {
  return (
    <Stack gap="md">
      <Section id="history-heading" title="Approval history">
        <Timeline bulletSize={14} lineWidth={2} active={plan.history.length - 1} data-testid="approval-history">
          {plan.history.map((h) => (
            <Timeline.Item key={h.id} title={h.fromStatus === h.toStatus ? statusWord(h.toStatus) : `${statusWord(h.fromStatus)} → ${statusWord(h.toStatus)}`}>
              <Text size="sm" c="dimmed">
                {formatDateTime(h.at)}
                {h.actorName ? ` by ${h.actorName}` : ''}
              </Text>
              {h.comment && <Text size="sm">“{h.comment}”</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </Section>
      <Section id="versions-heading" title="Versions">
        <List spacing="xs">
          {plan.versions.map((v) => (
            <List.Item key={v.id}>
              {v.id === plan.id ? (
                <Text span fw={600}>
                  Version {v.planVersion} (this one)
                </Text>
              ) : (
                <AnchorLink to="/plans/$planId" params={{ planId: v.id }}>
                  Version {v.planVersion}
                </AnchorLink>
              )}
              : {PLAN_STATUS_LABELS[v.status]}, last changed {formatDateTime(v.updatedAt)}
            </List.Item>
          ))}
        </List>
      </Section>
    </Stack>
  );
}
