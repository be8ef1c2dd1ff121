// The roll-out planner: choose the district, region or state to plan for (the reader's own district
// first), see its scenarios with how long each takes to reach scale, and start a new one.
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ROLLOUT_UNIT_KINDS, UNIT_KIND_LABELS, type SessionInfo } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { UnitPicker, unitOption } from '../../../components/UnitPicker';
import { mayAt } from '../../../lib/access';
import { formatDateTime } from '../../../lib/format';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { useDialog } from '../../../lib/useDialog';
import { usePageTitle } from '../../../lib/usePageTitle';
import { rolloutUnitQuery, unitScenariosQuery, type RolloutScenarioListItem, type RolloutScenarioRecord } from '../api/rolloutQueries';
import { formatLoad, formatMonth, formatYears, groupWordOf } from './labels';
import { NewScenarioDialog } from './NewScenarioDialog';
import { ScenarioStatusBadge } from './ScenarioStatusBadge';
import { Section } from './Section';

const PLANNABLE: readonly string[] = ROLLOUT_UNIT_KINDS;

/** The unit a reader plans for unless they choose another: their district, else region, else state. */
export function defaultPlanningUnit(session: SessionInfo): string | null {
  const rank = (kind: string) => ['district', 'region', 'state'].indexOf(kind);
  const grants = session.grants.filter((g) => PLANNABLE.includes(g.unitKind)).sort((a, b) => rank(a.unitKind) - rank(b.unitKind));
  return grants[0]?.unitId ?? null;
}

interface Props {
  unitId: string | undefined;
  onUnit: (unitId: string | null) => void;
  onCreated: (scenario: RolloutScenarioRecord) => void;
}

export function RolloutPlannerPage({ unitId, onUnit, onCreated }: Props) {
  const session = useSession();
  usePageTitle('Roll-out planner');
  const chosen = unitId ?? defaultPlanningUnit(session);
  const unit = useQuery({ ...rolloutUnitQuery(chosen ?? ''), enabled: chosen !== null });
  const u = unit.data;
  const plannable = !!u && PLANNABLE.includes(u.kind);
  const scenarios = useQuery({ ...unitScenariosQuery(chosen ?? ''), enabled: chosen !== null && plannable });
  const create = useDialog();
  const mayManage = plannable && !u.archived && mayAt(session, [...u.ancestors.map((a) => a.id), u.id], 'leader');
  const homes = session.grants.map((g) => `${g.unitName} (${g.unitKind.replace('_', ' ')})`).join(', ');

  let body;
  if (chosen === null) {
    body = (
      <Text data-testid="no-planning-unit">
        Roll-outs are planned for a district, a region or the state.{' '}
        {session.grants.length > 0 ? `Your access is at ${homes}, so there is no roll-out for you to plan there.` : ''} Choose a district, region or
        state above if you may see one, or ask your district’s leader to share its plans with you.
      </Text>
    );
  } else if (unit.isPending) body = <Loading label="Loading the unit…" />;
  else if (unit.isError)
    body = isProblem(unit.error, 404) || isProblem(unit.error, 403) ? <PoliteRefusal /> : <ProblemAlert error={unit.error} title="Could not load the unit" />;
  else if (!plannable)
    body = (
      <Text>
        Roll-outs are planned for a district, a region or the state, not for a {UNIT_KIND_LABELS[u!.kind].toLowerCase()}. Choose the district
        that {u!.name} belongs to instead.
      </Text>
    );
  else if (scenarios.isPending) body = <Loading label="Loading the scenarios…" />;
  else if (scenarios.isError)
    body = isProblem(scenarios.error, 404) || isProblem(scenarios.error, 403) ? <PoliteRefusal /> : <ProblemAlert error={scenarios.error} title="Could not load the scenarios" />;
  else body = <ScenarioList scenarios={scenarios.data} unitName={u!.name} groupWord={groupWordOf(u!.kind)} mayManage={mayManage} />;

  return (
    <>
      <PageHeader
        title="Roll-out planner"
        description="Phase in the work school by school: which group of schools starts when, with a rotating cadre of facilitators, and when the whole reaches scale."
      />
      <Stack gap="lg">
        <UnitPicker
          key={u ? u.id : 'none'}
          label="Plan for"
          description="A district (its schools by feeder pattern), a region or the state (their schools by district)."
          kinds={ROLLOUT_UNIT_KINDS}
          value={u ? unitOption(u) : null}
          onChange={(o) => onUnit(o?.value ?? null)}
          data-testid="planning-unit"
        />
        <Section
          id="scenarios-heading"
          title={u && plannable ? `Scenarios for ${u.name}` : 'Scenarios'}
          testId="scenarios-section"
          actions={mayManage ? <Button onClick={create.open}>New scenario</Button> : undefined}
        >
          {body}
          {plannable && !mayManage && scenarios.isSuccess && (
            <Text size="sm" c="dimmed" mt="sm" data-testid="may-not-plan">
              Planning a new scenario, changing one or adopting it needs a leader of {u!.name}.
            </Text>
          )}
        </Section>
      </Stack>
      {mayManage && u && <NewScenarioDialog key={create.key} unit={u} opened={create.opened} onClose={create.close} onCreated={onCreated} />}
    </>
  );
}

function PoliteRefusal() {
  return (
    <Text data-testid="not-allowed">
      You may not see the roll-out plans of this unit. If you think you should, ask one of its leaders or an administrator for access.
    </Text>
  );
}

function timeToScale(s: RolloutScenarioListItem) {
  if (s.status === 'computing') return <Text span size="sm" c="dimmed">Computing…</Text>;
  if (s.status === 'failed' || !s.summary) return <Text span size="sm" c="dimmed">Not computed</Text>;
  return `${s.summary.monthsToScale} months (${formatYears(s.summary.yearsToScale)})`;
}

function ScenarioList({ scenarios, unitName, groupWord, mayManage }: { scenarios: RolloutScenarioListItem[]; unitName: string; groupWord: string; mayManage: boolean }) {
  if (scenarios.length === 0)
    return <Text c="dimmed">{mayManage ? `No scenarios for ${unitName} yet. Start one with New scenario.` : `No scenarios for ${unitName} yet.`}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover aria-labelledby="scenarios-heading" data-testid="scenario-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Scenario</Table.Th>
            <Table.Th scope="col">Time to scale</Table.Th>
            <Table.Th scope="col">Scale by</Table.Th>
            <Table.Th scope="col">Cadre</Table.Th>
            <Table.Th scope="col">Schools</Table.Th>
            <Table.Th scope="col">Last changed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {scenarios.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Group gap={6} wrap="wrap">
                  <AnchorLink to="/rollout/$scenarioId" params={{ scenarioId: s.id }} fw={500}>
                    {s.name}
                  </AnchorLink>
                  {s.status !== 'ready' && <ScenarioStatusBadge status={s.status} />}
                  {s.adoptedAt && (
                    <Badge variant="filled" color="trellis">
                      Adopted
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{timeToScale(s)}</Table.Td>
              <Table.Td>{s.summary ? formatMonth(s.summary.scaleMonth) : '—'}</Table.Td>
              <Table.Td>{s.summary ? `${s.summary.cadreSize} (capacity ${formatLoad(s.summary.totalCapacity)})` : cadreText(s)}</Table.Td>
              <Table.Td>{s.summary ? `${s.summary.siteCount} in ${s.summary.subsetCount} ${s.summary.subsetCount === 1 ? groupWord : `${groupWord}s`}` : '—'}</Table.Td>
              <Table.Td>{formatDateTime(s.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const cadreText = (s: RolloutScenarioListItem) => ('count' in s.settings.cadre ? String(s.settings.cadre.count) : String(s.settings.cadre.facilitators.length));
