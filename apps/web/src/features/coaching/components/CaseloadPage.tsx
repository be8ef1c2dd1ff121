// A coach's caseload: every engagement they coach, most urgent first, each with why (overdue by how
// many days, what is due when). A unit's coaching (coverage, checklists, hand-over, reports) opens
// from a unit picked below.
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { SearchOption } from '../../../components/SearchSelect';
import { UnitPicker } from '../../../components/UnitPicker';
import { isAdministrator } from '../../../lib/access';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useSession } from '../../../lib/session';
import { DownloadLinks } from '../../exports/components/DownloadLinks';
import { caseloadQuery, type EngagementItem } from '../api/coaching';
import { StateBadge } from './labels';

export function CaseloadPage() {
  usePageTitle('Coaching');
  const session = useSession();
  const caseload = useQuery(caseloadQuery());
  const navigate = useNavigate();
  const [unit, setUnit] = useState<SearchOption | null>(null);
  return (
    <>
      <PageHeader
        title="Coaching"
        description="Your caseload, most urgent first: a contact at least every week and an onsite visit every month, unless the engagement says otherwise."
        actions={
          session.person.isSystemAdmin || isAdministrator(session) ? (
            <Button component={Link} to="/coaching/outbox" variant="default">
              Mail outbox
            </Button>
          ) : undefined
        }
      />
      <Stack gap="lg">
        <section aria-labelledby="caseload-heading">
          <Title order={2} size="h3" id="caseload-heading" mb="sm">
            My caseload
          </Title>
          {caseload.isPending ? <Loading /> : caseload.isError ? <ProblemAlert error={caseload.error} title="Could not load your caseload" /> : (
            <>
              <Caseload items={caseload.data.items} />
              {caseload.data.items.length > 0 && <DownloadLinks path="/api/coaching/caseload/export" what="my caseload" testId="download-caseload" />}
            </>
          )}
        </section>
        <section aria-labelledby="unit-coaching-heading">
          <Title order={2} size="h3" id="unit-coaching-heading" mb="sm">
            A unit’s coaching
          </Title>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (unit) void navigate({ to: '/units/$unitId/coaching', params: { unitId: unit.value } });
            }}
          >
            <Group align="flex-end" gap="sm">
              <div style={{ flex: '1 1 18rem' }}>
                <UnitPicker label="Unit" description="Coverage, facilitator checklists, the hand-over plan and reports of a district or school" value={unit} onChange={setUnit} />
              </div>
              <Button type="submit" disabled={!unit}>
                Open
              </Button>
            </Group>
          </form>
        </section>
      </Stack>
    </>
  );
}

export function Caseload({ items, showCoach = false }: { items: EngagementItem[]; showCoach?: boolean }) {
  if (items.length === 0) return <Text c="dimmed">No engagements to show.</Text>;
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="caseload">
      {items.map(({ engagement: e, status }) => (
        <Card key={e.id} component="li" withBorder padding="sm" data-testid="caseload-item" data-state={status.state}>
          <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
            <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
              <AnchorLink to="/coaching/engagements/$engagementId" params={{ engagementId: e.id }} fw={600}>
                {e.targetName} — {e.unitName}
              </AnchorLink>
              <Text size="sm" c="dimmed">
                {e.kind === 'coaching' ? 'Coaching' : 'Mentoring'}
                {showCoach ? ` by ${e.coachName} (${e.coachAffiliation})` : ''}
              </Text>
            </Stack>
            <StateBadge state={status.state} />
          </Group>
          <Text size="sm" mt="xs" data-testid="cadence-why">
            {status.message}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
