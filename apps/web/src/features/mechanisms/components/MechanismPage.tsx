// A mechanism's page: where it sits, its status and life cycle, charter, guidance warnings,
// functions (how they depart from the catalog, whether they are in place), members, meetings and
// links across levels. Editors at its unit shape, staff and link it; members record its work.
import { Badge, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { allowedLifecycleTransitions, MECHANISM_STATUS_DESCRIPTIONS, type MechanismStatus } from '@trellis/core';
import { useState, type ReactNode } from 'react';
import { AnchorLink } from '../../../components/AnchorLink';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { DetailList } from '../../../components/DetailList';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { mayAt } from '../../../lib/access';
import { formatDateTime } from '../../../lib/format';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { useDialog } from '../../../lib/useDialog';
import { usePageTitle } from '../../../lib/usePageTitle';
import { mechanismQuery, mechanismUnitQuery } from '../api/mechanismQueries';
import { EditCharterDialog } from './EditCharterDialog';
import { GuidanceAlert } from './GuidanceAlert';
import { citation, formatDay, STATUS_ACTIONS } from './labels';
import { MechanismFunctions } from './MechanismFunctions';
import { MechanismLinks } from './MechanismLinks';
import { MechanismMeetings } from './MechanismMeetings';
import { MechanismMembers } from './MechanismMembers';
import { MechanismStatusBadge } from './MechanismStatusBadge';
import { StatusDialog } from './StatusDialog';

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

export function MechanismPage({ mechanismId }: { mechanismId: string }) {
  const session = useSession();
  const mechanism = useQuery(mechanismQuery(mechanismId));
  const unitId = mechanism.data?.unitId ?? null;
  const unit = useQuery({ ...mechanismUnitQuery(unitId ?? ''), enabled: unitId !== null });
  const charter = useDialog();
  const status = useDialog();
  const [target, setTarget] = useState<MechanismStatus>('active');
  usePageTitle(mechanism.data?.name ?? (mechanism.isError ? (isProblem(mechanism.error, 404) ? 'Not found' : 'Error') : 'Mechanism'));

  if (mechanism.isPending) return <Loading label="Loading the mechanism…" />;
  if (mechanism.isError)
    return isProblem(mechanism.error, 404) ? <NotFoundMessage what="mechanism" /> : <ProblemAlert error={mechanism.error} title="Could not load the mechanism" />;

  const m = mechanism.data;
  const path = unit.data ? [...unit.data.ancestors.map((a) => a.id), unit.data.id] : null;
  const mayManage = path !== null && mayAt(session, path, 'editor');
  const mayRecord = path !== null && mayAt(session, path, 'member');
  const next = allowedLifecycleTransitions(m.status);

  return (
    <>
      <Breadcrumbs
        crumbs={[
          { key: 'org', content: <AnchorLink to="/organization" size="sm">Organization</AnchorLink> },
          { key: m.unitId, content: <AnchorLink to="/units/$unitId" params={{ unitId: m.unitId }} size="sm">{m.unitName}</AnchorLink> },
        ]}
        current={m.name}
      />
      <Stack gap="lg" mt="sm">
        <PageHeader
          title={m.name}
          badges={
            <>
              <Badge variant="light" size="lg">
                {m.kindName}
              </Badge>
              <MechanismStatusBadge status={m.status} size="lg" />
            </>
          }
          description={`${MECHANISM_STATUS_DESCRIPTIONS[m.status]}${mayManage || next.length === 0 ? '' : ' Changes need an editor at its unit.'}`}
          actions={
            mayManage ? (
              <>
                {next.map((s) => (
                  <Button
                    key={s}
                    variant={s === 'retired' ? 'default' : 'filled'}
                    onClick={() => {
                      setTarget(s);
                      status.open();
                    }}
                  >
                    {m.status === 'sunsetting' && s === 'active' ? 'Re-activate' : STATUS_ACTIONS[s]}
                  </Button>
                ))}
                <Button variant="default" onClick={charter.open}>
                  Edit charter
                </Button>
              </>
            ) : undefined
          }
        />
        <Section id="mechanism-details-heading" title="Details">
          <DetailList
            items={[
              { label: 'Unit', value: <AnchorLink to="/units/$unitId" params={{ unitId: m.unitId }}>{m.unitName}</AnchorLink> },
              { label: 'Kind', value: m.kindName },
              { label: 'Status', value: `${m.status === 'retired' && m.assimilatedInto ? `Retired; functions assimilated into ${m.assimilatedInto}` : m.status.charAt(0).toUpperCase() + m.status.slice(1)}${m.statusChangedOn ? ` (since ${formatDay(m.statusChangedOn)})` : ''}` },
              { label: 'Started', value: formatDay(m.startedOn) ?? '—' },
              { label: 'Catalog version', value: m.catalogVersion },
              { label: 'Last changed', value: formatDateTime(m.updatedAt) },
            ]}
          />
          <Text size="sm" fw={600} mt="md">
            Charter
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="mechanism-charter" c={m.charter ? undefined : 'dimmed'}>
            {m.charter ?? 'No charter yet.'}
          </Text>
        </Section>
        <Section id="mechanism-guidance-heading" title="Guidance">
          {m.warnings.length === 0 ? (
            <Text c="dimmed">Its composition follows the catalog’s guidance.</Text>
          ) : (
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="mechanism-warnings">
              {m.warnings.map((w) => (
                <li key={w.code}>
                  <GuidanceAlert title={w.basis === 'document' ? 'Guidance from the documents' : 'Trellis guidance'}>
                    <Text size="sm">{w.message}</Text>
                    <Text size="xs" mt={4}>
                      {citation(w.source)}
                      {w.basis === 'product-default' ? ' (the threshold is a Trellis default)' : ''}
                    </Text>
                  </GuidanceAlert>
                </li>
              ))}
            </Stack>
          )}
        </Section>
        <Section id="mechanism-functions-heading" title="Functions">
          <MechanismFunctions mechanism={m} mayManage={mayManage} mayRecord={mayRecord} />
        </Section>
        <Section id="mechanism-members-heading" title="Members">
          <MechanismMembers mechanism={m} mayManage={mayManage} labelledBy="mechanism-members-heading" />
        </Section>
        <Section id="mechanism-meetings-heading" title="Meetings">
          <MechanismMeetings mechanism={m} mayRecord={mayRecord} />
        </Section>
        <Section id="mechanism-links-heading" title="Linked across levels">
          <MechanismLinks mechanism={m} mayManage={mayManage} />
        </Section>
      </Stack>
      {mayManage && <EditCharterDialog key={charter.key} mechanism={m} opened={charter.opened} onClose={charter.close} />}
      {mayManage && <StatusDialog key={`s-${status.key}`} mechanism={m} to={target} opened={status.opened} onClose={status.close} />}
    </>
  );
}
