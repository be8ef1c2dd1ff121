// A roll-out scenario: its settings (a leader changes them and it computes again, the stage shown
// while it does), then the answer — time to scale against the lower bound, the what-if chart over
// cadre sizes, the timeline school by school, the cadre's load — downloads, a comparison with
// another scenario of the unit, and adoption.
import { Alert, Badge, Box, Button, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { UNIT_KIND_LABELS, type UnitKind } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { mayAt } from '../../../lib/access';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { useDialog } from '../../../lib/useDialog';
import { usePageTitle } from '../../../lib/usePageTitle';
import { formatDateTime } from '../../../lib/format';
import { useCreateScenario, useDeleteScenario } from '../api/rolloutMutations';
import { rolloutUnitQuery, scenarioQuery, type RolloutScenarioDetail } from '../api/rolloutQueries';
import { AdoptDialog, AdoptionRecord } from './Adoption';
import { CadreLoad } from './CadreLoad';
import { CompareScenarios } from './CompareScenarios';
import { Downloads } from './Downloads';
import { groupWordOf } from './labels';
import { ScheduleHeadline } from './ScheduleHeadline';
import { ScenarioStatusBadge } from './ScenarioStatusBadge';
import { Section } from './Section';
import { SettingsForm } from './SettingsForm';
import { SettingsSummary } from './SettingsSummary';
import { Timeline } from './Timeline';
import { WhatIfChart } from './WhatIfChart';

function statusText(s: RolloutScenarioDetail): string {
  if (s.status === 'computing') return `Computing the schedule: ${s.stage ?? 'starting'}…`;
  if (s.status === 'failed') return 'The schedule could not be computed.';
  return s.result ? `Schedule ready: reaches scale in ${s.result.schedule.monthsToScale} months.` : 'Schedule ready.';
}

interface Props {
  scenarioId: string;
  onDeleted: (unitId: string) => void;
  /** Opens another scenario's page (a copy just made). */
  onOpen: (scenarioId: string) => void;
}

export function ScenarioPage({ scenarioId, onDeleted, onOpen }: Props) {
  const session = useSession();
  const scenario = useQuery(scenarioQuery(scenarioId));
  const unitId = scenario.data?.unitId ?? null;
  const unit = useQuery({ ...rolloutUnitQuery(unitId ?? ''), enabled: unitId !== null });
  const adopt = useDialog();
  const remove = useDialog();
  const removal = useDeleteScenario(scenarioId, unitId ?? '');
  const copy = useCreateScenario();
  const announce = useAnnounce();
  usePageTitle(scenario.data?.name ?? (scenario.isError ? (isProblem(scenario.error, 404) ? 'Not found' : 'Error') : 'Roll-out scenario'));

  if (scenario.isPending) return <Loading label="Loading the scenario…" />;
  if (scenario.isError)
    return isProblem(scenario.error, 404) ? <NotFoundMessage what="scenario" /> : <ProblemAlert error={scenario.error} title="Could not load the scenario" />;

  const s = scenario.data;
  const result = s.result;
  const path = unit.data ? [...unit.data.ancestors.map((a) => a.id), unit.data.id] : null;
  const mayManage = path !== null && mayAt(session, path, 'leader');
  const adopted = s.adoptedAt !== null;
  const groupWord = groupWordOf(s.unitKind);
  const groupLabel = groupWord.charAt(0).toUpperCase() + groupWord.slice(1);
  const subsetNames = Object.fromEntries((result?.schedule.subsets ?? []).map((x) => [x.subsetId, x.name]));
  const kindLabel = UNIT_KIND_LABELS[s.unitKind as UnitKind] ?? s.unitKind;

  return (
    <>
      <Breadcrumbs
        crumbs={[
          {
            key: 'planner',
            content: (
              <AnchorLink to="/rollout" search={{ unit: s.unitId }} size="sm">
                Roll-out planner
              </AnchorLink>
            ),
          },
          {
            key: s.unitId,
            content: (
              <AnchorLink to="/units/$unitId" params={{ unitId: s.unitId }} size="sm">
                {s.unitName}
              </AnchorLink>
            ),
          },
        ]}
        current={s.name}
      />
      <Box mt="sm">
        <PageHeader
          title={s.name}
          badges={
            <>
              <ScenarioStatusBadge status={s.status} size="lg" />
              {adopted && (
                <Badge variant="filled" color="trellis" size="lg" data-testid="adopted-badge">
                  Adopted
                </Badge>
              )}
            </>
          }
          description={`Roll-out for ${s.unitName} (${kindLabel.toLowerCase()}), its schools grouped by ${groupWord}. Last changed ${formatDateTime(s.updatedAt)}.${mayManage || adopted ? '' : ' Changes need a leader of the unit.'}`}
          actions={
            mayManage ? (
              <>
                {!adopted && (
                  <Button onClick={adopt.open} disabled={s.status !== 'ready' || !result}>
                    Adopt…
                  </Button>
                )}
                <Button
                  variant="default"
                  loading={copy.isPending}
                  onClick={() =>
                    copy.mutate(
                      { unitId: s.unitId, name: `Copy of ${s.name}`.slice(0, 200), settings: s.settings },
                      {
                        onSuccess: (made) => {
                          announce(`Copied into ${made.name}. Computing its schedule…`);
                          onOpen(made.id);
                        },
                      },
                    )
                  }
                >
                  Copy into a new scenario
                </Button>
                {!adopted && (
                  <Button variant="default" onClick={remove.open}>
                    Delete
                  </Button>
                )}
              </>
            ) : undefined
          }
        />
      </Box>
      <div role="status" aria-live="polite" data-testid="scenario-status">
        {s.status === 'computing' ? (
          <Alert color="blue" variant="light" icon={<Loader size="sm" aria-hidden />} title="Computing" mb="lg">
            <Text size="sm" data-testid="computing-stage">
              {statusText(s)}
            </Text>
          </Alert>
        ) : (
          <VisuallyHidden>{statusText(s)}</VisuallyHidden>
        )}
      </div>
      <Stack gap="lg">
        <ProblemAlert error={copy.error} title="Could not copy the scenario" />
        {s.status === 'failed' && (
          <Alert color="red" variant="light" title="Could not compute the schedule" data-testid="scenario-failed">
            <Text size="sm">{s.error ?? 'The computation stopped.'} Change the settings and save to try again.</Text>
          </Alert>
        )}
        {result && (
          <Section id="scale-heading" title="Time to scale" testId="scale-section">
            <ScheduleHeadline schedule={result.schedule} summary={result.summary} groupWord={groupWord} />
          </Section>
        )}
        <Section id="settings-heading" title="Settings" testId="settings-section">
          {mayManage && !adopted ? (
            <SettingsForm key={s.id} scenario={s} subsetNames={subsetNames} groupWord={groupWord} />
          ) : (
            <>
              {adopted && (
                <Text size="sm" c="dimmed" mb="sm">
                  An adopted scenario is the record of what was decided: its settings no longer change.
                </Text>
              )}
              <SettingsSummary settings={s.settings} subsetNames={subsetNames} />
            </>
          )}
        </Section>
        {result && (
          <>
            <Section id="what-if-heading" title="What if the cadre were smaller or larger" testId="what-if-section">
              <WhatIfChart sweep={result.sweep} cadreSize={result.summary.cadreSize} named={'facilitators' in s.settings.cadre} />
            </Section>
            <Section id="timeline-heading" title="Timeline" testId="timeline-section">
              <Timeline schedule={result.schedule} siteNames={result.siteNames} phaseOrder={s.settings.phases.map((p) => p.name)} groupLabel={groupLabel} />
            </Section>
            <Section id="load-heading" title="Cadre load by month" testId="load-section">
              <CadreLoad schedule={result.schedule} />
            </Section>
            <Section id="compare-heading" title="Compare" testId="compare-section">
              <CompareScenarios scenario={s} schedule={result.schedule} summary={result.summary} />
            </Section>
            <Section id="downloads-heading" title="Downloads" testId="downloads-section">
              <Downloads scenarioId={s.id} schedule={result.schedule} />
            </Section>
          </>
        )}
        {adopted && (
          <Section id="adoption-heading" title="Adoption" testId="adoption-section">
            <AdoptionRecord scenario={s} />
          </Section>
        )}
      </Stack>
      {mayManage && result && <AdoptDialog key={adopt.key} scenario={s} schedule={result.schedule} opened={adopt.opened} onClose={adopt.close} />}
      {mayManage && (
        <ConfirmDialog
          opened={remove.opened}
          title={`Delete ${s.name}?`}
          confirmLabel="Delete"
          danger
          pending={removal.isPending}
          error={removal.error}
          onClose={remove.close}
          onConfirm={() =>
            removal.mutate(undefined, {
              onSuccess: () => {
                announce(`Deleted ${s.name}.`);
                remove.close();
                onDeleted(s.unitId);
              },
            })
          }
        >
          The scenario and its schedule are deleted. Other scenarios of {s.unitName} stay as they are.
        </ConfirmDialog>
      )}
    </>
  );
}
