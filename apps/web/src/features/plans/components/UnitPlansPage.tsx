// A unit's plans: each with its kind, status, version and progress by phase; "New plan" from a
// template that suits the unit; the overdue and incompletely planned tasks of the unit and the units
// below it; and the recommendations submitted here.
import { Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PLAN_KIND_LABELS } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { mayAt } from '../../../lib/access';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { useDialog } from '../../../lib/useDialog';
import { usePageTitle } from '../../../lib/usePageTitle';
import { planTemplatesQuery, planUnitQuery, unitPlanTasksQuery, unitPlansQuery, type PlanRecord } from '../api/planQueries';
import { NewPlanDialog } from './NewPlanDialog';
import { PhaseProgress } from './PhaseProgress';
import { PlanStatusBadge } from './PlanBadges';
import { Recommendations } from './Recommendations';
import { Section } from './Section';
import { DownloadLinks } from '../../exports/components/DownloadLinks';
import { TaskList } from './TaskList';
import { UnitCrumbs } from './UnitCrumbs';

export function UnitPlansPage({ unitId, onCreated }: { unitId: string; onCreated: (plan: PlanRecord) => void }) {
  const session = useSession();
  const unit = useQuery(planUnitQuery(unitId));
  const plans = useQuery(unitPlansQuery(unitId));
  const templates = useQuery(planTemplatesQuery);
  const overdue = useQuery(unitPlanTasksQuery(unitId, 'overdue'));
  const incomplete = useQuery(unitPlanTasksQuery(unitId, 'incomplete'));
  const newPlan = useDialog();
  usePageTitle(unit.data ? `Plans · ${unit.data.name}` : 'Plans');

  if (unit.isPending) return <Loading label="Loading the unit…" />;
  if (unit.isError) return isProblem(unit.error, 404) ? <NotFoundMessage what="unit" /> : <ProblemAlert error={unit.error} title="Could not load the unit" />;
  const u = unit.data;
  const mayEdit = !u.archived && mayAt(session, [...u.ancestors.map((a) => a.id), u.id], 'member');

  return (
    <>
      <UnitCrumbs unit={u} current="Plans" />
      <Stack gap="lg" mt="sm">
        <PageHeader
          title={`Plans: ${u.name}`}
          description="Who does what, how and when: the strategic system-change plan, the start-up and phase-in action plans, and the sustainability plan."
          actions={
            <>
              <AnchorLink to="/units/$unitId/design" params={{ unitId: u.id }}>
                Design document
              </AnchorLink>
              {mayEdit && templates.data && <Button onClick={newPlan.open}>New plan</Button>}
            </>
          }
        />
        <Section id="plans-heading" title="Plans">
          {plans.isPending ? (
            <Loading label="Loading the plans…" />
          ) : plans.isError ? (
            <ProblemAlert error={plans.error} title="Could not load the plans" />
          ) : plans.data.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="plans-empty">
              No plans at {u.name} yet.{mayEdit ? ' Start one with “New plan”.' : ''}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={`Plans of ${u.name}`}>
              {plans.data.map((p) => (
                <Paper key={p.id} component="li" withBorder p="md" data-testid="plan-card">
                  <Stack gap="xs">
                    <Group gap="xs" wrap="wrap">
                      <AnchorLink to="/plans/$planId" params={{ planId: p.id }} fw={600}>
                        {p.title}
                      </AnchorLink>
                      <PlanStatusBadge status={p.status} />
                    </Group>
                    <Text size="sm" c="dimmed">
                      {PLAN_KIND_LABELS[p.kind]} · version {p.planVersion}
                    </Text>
                    <PhaseProgress progress={p.progress} compact />
                  </Stack>
                </Paper>
              ))}
            </SimpleGrid>
          )}
        </Section>
        <Section id="overdue-heading" title="Overdue tasks">
          <Text size="sm" c="dimmed" mb="sm">
            Open tasks past their due date, here and in the units below.
          </Text>
          {overdue.isPending ? <Loading /> : overdue.isError ? <ProblemAlert error={overdue.error} title="Could not load the overdue tasks" /> : (
            <>
              <TaskList tasks={overdue.data} label="Overdue tasks" empty="Nothing is overdue." />
              {overdue.data.length > 0 && <DownloadLinks path={`/api/units/${u.id}/plan-tasks/export`} params={{ filter: 'overdue', subtree: 'true' }} what="the overdue tasks" testId="download-overdue" />}
            </>
          )}
        </Section>
        <Section id="incomplete-heading" title="Incomplete planning">
          <Text size="sm" c="dimmed" mb="sm">
            Open tasks with no WHO (no person or team named) or no WHEN (no due date), here and in the units below.
          </Text>
          {incomplete.isPending ? (
            <Loading />
          ) : incomplete.isError ? (
            <ProblemAlert error={incomplete.error} title="Could not load the incompletely planned tasks" />
          ) : (
            <>
              <TaskList tasks={incomplete.data} label="Incompletely planned tasks" empty="Every open task has a WHO and a WHEN." />
              {incomplete.data.length > 0 && (
                <DownloadLinks path={`/api/units/${u.id}/plan-tasks/export`} params={{ filter: 'incomplete', subtree: 'true' }} what="the incompletely planned tasks" testId="download-incomplete" />
              )}
            </>
          )}
        </Section>
        <Section id="recommendations-heading" title="Recommendations">
          <Recommendations unitId={u.id} plans={plans.data ?? []} mayEdit={mayEdit} />
        </Section>
      </Stack>
      {templates.data && <NewPlanDialog key={newPlan.key} unit={u} catalog={templates.data} opened={newPlan.opened} onClose={newPlan.close} onCreated={onCreated} />}
    </>
  );
}
