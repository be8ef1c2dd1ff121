// A unit's coaching: coverage (its engagements and those below it by state, most urgent first),
// organization facilitator checklists (Exhibit 3), the hand-over plan with "ready to sustain", and
// reports with charts and the same figures as tables (the charts' text alternatives), each as CSV.
import { Anchor, Button, Card, Group, List, Radio, SegmentedControl, SimpleGrid, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COACHING_CONTACT_MODES, type Unit } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { PersonPicker } from '../../../components/PersonPicker';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { SearchOption } from '../../../components/SearchSelect';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { mayAt } from '../../../lib/access';
import { api } from '../../../lib/api';
import { useSession } from '../../../lib/session';
import { useDialog } from '../../../lib/useDialog';
import { usePageTitle } from '../../../lib/usePageTitle';
import { DownloadLinks } from '../../exports/components/DownloadLinks';
import { capacityQuery, catalogQuery, checksQuery, focusAreasQuery, focusLabel, coverageQuery, reportCsvUrl, reportsQuery, useCreateCheck, useCreateTransfer, useRemoveTransfer, type FacilitatorCheckRecord, type ReportRecord } from '../api/coaching';
import { Caseload } from './CaseloadPage';
import { EngagementDialog } from './EngagementDialog';
import { focusedElement, returnFocusTo } from '../../plans/components/returnFocus';
import { EditCheckDialog } from './EditCheckDialog';
import { FocusAreas } from './FocusAreas';
import { formatDay, modeLabel, percent } from './labels';

export function UnitCoachingPage({ unitId }: { unitId: string }) {
  const unit = useQuery({ queryKey: ['units', unitId, 'detail'], queryFn: () => api<Unit & { ancestors: { id: string }[]; archived: boolean }>(`/api/units/${unitId}`) });
  usePageTitle(unit.data ? `${unit.data.name} · Coaching` : 'Coaching');
  const [tab, setTab] = useState<string | null>('coverage');
  const [creating, setCreating] = useState(false);
  const session = useSession();
  if (unit.isPending) return <Loading />;
  if (unit.isError) return <ProblemAlert error={unit.error} title="Could not load the unit" />;
  const mayManage = !unit.data.archived && mayAt(session, [...unit.data.ancestors.map((a) => a.id), unit.data.id], 'leader');
  return (
    <>
      <PageHeader
        title={`Coaching at ${unit.data.name}`}
        description="Who is coached, how the cadence holds, the facilitator’s checklists, the hand-over to internal leaders, reports, and the focus areas coaching chooses from."
        actions={mayManage ? <Button onClick={() => setCreating(true)}>New engagement</Button> : undefined}
      />
      {mayManage && <EngagementDialog unitId={unitId} unitName={unit.data.name} opened={creating} onClose={() => setCreating(false)} />}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="coverage">Coverage</Tabs.Tab>
          <Tabs.Tab value="checks">Facilitator checklists</Tabs.Tab>
          <Tabs.Tab value="handover">Hand-over</Tabs.Tab>
          <Tabs.Tab value="reports">Reports</Tabs.Tab>
          <Tabs.Tab value="focus">Focus areas</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="coverage">
          <Coverage unitId={unitId} />
        </Tabs.Panel>
        <Tabs.Panel value="checks">
          <Checklists unitId={unitId} mayRecord={!unit.data.archived && mayAt(session, [...unit.data.ancestors.map((a) => a.id), unit.data.id], 'member')} />
        </Tabs.Panel>
        <Tabs.Panel value="handover">
          <HandOver unitId={unitId} mayManage={mayManage} />
        </Tabs.Panel>
        <Tabs.Panel value="reports">
          <Reports unitId={unitId} />
        </Tabs.Panel>
        <Tabs.Panel value="focus">
          <FocusAreas unitId={unitId} mayManage={mayManage} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Coverage({ unitId }: { unitId: string }) {
  const coverage = useQuery(coverageQuery(unitId));
  if (coverage.isPending) return <Loading />;
  if (coverage.isError) return <ProblemAlert error={coverage.error} title="Could not load the coverage" />;
  const { counts, items, byUnit } = coverage.data;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="coverage-counts">
        {(
          [
            ['overdue', 'Overdue'],
            ['due_soon', 'Due soon'],
            ['on_track', 'On track'],
            ['paused', 'Paused'],
          ] as const
        ).map(([k, label]) => (
          <Card key={k} withBorder padding="sm">
            <Text size="sm">{label}</Text>
            <Text fw={700} size="xl">
              {counts[k]}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {byUnit.length > 1 && (
        <Table.ScrollContainer minWidth={480} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Coverage by unit (scrolls sideways)' } }}>
          <Table striped>
            <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>By unit</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Unit</Table.Th>
                <Table.Th scope="col">Overdue</Table.Th>
                <Table.Th scope="col">Due soon</Table.Th>
                <Table.Th scope="col">On track</Table.Th>
                <Table.Th scope="col">Paused</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {byUnit.map((u) => (
                <Table.Tr key={u.unitId}>
                  <Table.Th scope="row">{u.unitName}</Table.Th>
                  <Table.Td>{u.counts.overdue}</Table.Td>
                  <Table.Td>{u.counts.due_soon}</Table.Td>
                  <Table.Td>{u.counts.on_track}</Table.Td>
                  <Table.Td>{u.counts.paused}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={2} size="h4">
        Engagements, most urgent first
      </Title>
      <Caseload items={items} showCoach />
      {items.length > 0 && <DownloadLinks path={`/api/units/${unitId}/coaching/engagements/export`} params={{ subtree: 'true' }} what="these engagements" testId="download-engagements" />}
    </Stack>
  );
}

function Checklists({ unitId, mayRecord }: { unitId: string; mayRecord: boolean }) {
  const checks = useQuery(checksQuery(unitId));
  const catalog = useQuery(catalogQuery);
  const dialog = useDialog();
  const [editing, setEditing] = useState<FacilitatorCheckRecord | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const close = () => {
    dialog.close();
    returnFocusTo(trigger.current);
  };
  return (
    <Stack gap="md">
      {checks.isPending ? (
        <Loading />
      ) : checks.isError ? (
        <ProblemAlert error={checks.error} title="Could not load the checklists" />
      ) : checks.data.length === 0 ? (
        <Text c="dimmed">No checklist yet.</Text>
      ) : (
        checks.data.map((c) => (
          <Card key={c.id} withBorder padding="sm" data-testid="facilitator-check">
            <Group justify="space-between" gap="xs">
              <Text fw={600}>
                {c.facilitatorName}, {formatDay(c.checkedOn)}
              </Text>
              {mayRecord && catalog.data && (
                <Button size="xs" variant="default" aria-label={`Change the answers of ${c.facilitatorName}, ${formatDay(c.checkedOn)}`} onClick={() => ((trigger.current = focusedElement()), setEditing(c), dialog.open())}>
                  Change the answers
                </Button>
              )}
            </Group>
            <Text size="sm">{c.summary.groups.map((g) => `${g.number}. ${g.name}: ${g.yes} yes, ${g.no} no, ${g.open} open`).join(' · ')}</Text>
            {c.summary.breakdowns.length > 0 && (
              <List size="sm" mt="xs">
                {c.summary.breakdowns.map((b) => (
                  <List.Item key={b.itemKey}>
                    <strong>No — {b.text}.</strong> Why: {b.why}. Action taken: {b.actionTaken}.
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        ))
      )}
      {editing && catalog.data && <EditCheckDialog key={dialog.key} check={editing} catalog={catalog.data} opened={dialog.opened} onClose={close} />}
      {catalog.data && <NewChecklist unitId={unitId} catalog={catalog.data} />}
    </Stack>
  );
}

function NewChecklist({ unitId, catalog }: { unitId: string; catalog: NonNullable<ReturnType<typeof useQuery<import('../api/coaching').CoachingCatalog>>['data']> }) {
  const create = useCreateCheck();
  const announce = useAnnounce();
  const [facilitator, setFacilitator] = useState<SearchOption | null>(null);
  const [checkedOn, setCheckedOn] = useState(new Date().toISOString().slice(0, 10));
  const [answers, setAnswers] = useState<Record<string, { answer: 'yes' | 'no' | ''; why: string; actionTaken: string }>>({});
  const set = (key: string, patch: Partial<{ answer: 'yes' | 'no' | ''; why: string; actionTaken: string }>) => setAnswers((a) => ({ ...a, [key]: { answer: '', why: '', actionTaken: '', ...a[key], ...patch } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!facilitator) return;
    const list = Object.entries(answers)
      .filter(([, a]) => a.answer !== '')
      .map(([itemKey, a]) => (a.answer === 'no' ? { itemKey, answer: 'no' as const, why: a.why, actionTaken: a.actionTaken } : { itemKey, answer: 'yes' as const }));
    create.mutate({ facilitatorPersonId: facilitator.value, unitId, checkedOn, answers: list }, { onSuccess: () => (announce('Saved the checklist.'), setAnswers({})) });
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="new-check-heading">
      <Title order={2} size="h4" id="new-check-heading" mb="sm">
        New checklist ({catalog.facilitator.title})
      </Title>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <PersonPicker label="Facilitator" required value={facilitator} onChange={setFacilitator} />
          <TextInput type="date" label="Checked on" required value={checkedOn} onChange={(e) => setCheckedOn(e.currentTarget.value)} />
          {catalog.facilitator.groups.map((g) => (
            <fieldset key={g.key} style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, padding: 8 }}>
              <legend>
                {g.number}. {g.name}
              </legend>
              <Stack gap="xs">
                {g.items.map((item) => {
                  const a = answers[item.key];
                  return (
                    <div key={item.key}>
                      <Radio.Group label={`(${item.letter}) ${item.text}`} value={a?.answer ?? ''} onChange={(v) => set(item.key, { answer: v as 'yes' | 'no' })}>
                        <Group gap="md" mt={4}>
                          <Radio value="yes" label="Yes" />
                          <Radio value="no" label="No" />
                        </Group>
                      </Radio.Group>
                      {a?.answer === 'no' && (
                        <Stack gap={4} mt={4}>
                          <Textarea label="Why not" required autosize value={a.why} onChange={(e) => set(item.key, { why: e.currentTarget.value })} />
                          <Textarea label="Action taken to address the breakdown" required autosize value={a.actionTaken} onChange={(e) => set(item.key, { actionTaken: e.currentTarget.value })} />
                        </Stack>
                      )}
                    </div>
                  );
                })}
              </Stack>
            </fieldset>
          ))}
          <ProblemAlert error={create.error} title="Could not save the checklist" />
          <Button type="submit" loading={create.isPending} disabled={!facilitator}>
            Save checklist
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function HandOver({ unitId, mayManage }: { unitId: string; mayManage: boolean }) {
  const capacity = useQuery(capacityQuery(unitId));
  const remove = useRemoveTransfer();
  const focus = useQuery(focusAreasQuery(unitId));
  const add = useCreateTransfer(unitId);
  const announce = useAnnounce();
  const [leader, setLeader] = useState<SearchOption | null>(null);
  const [areas, setAreas] = useState<string[]>([]);
  const [on, setOn] = useState('');
  const label = (k: string) => focusLabel(focus.data, k);
  if (capacity.isPending) return <Loading />;
  if (capacity.isError) return <ProblemAlert error={capacity.error} title="Could not load the hand-over plan" />;
  const { readiness, transfers } = capacity.data;
  return (
    <Stack gap="md">
      <Card withBorder padding="md" data-testid="sustain-readiness">
        <Text fw={700}>{readiness.ready ? 'Ready to sustain without external coaching' : 'Not yet ready to sustain without external coaching'}</Text>
        {readiness.gaps.length > 0 && (
          <List size="sm" mt="xs">
            {readiness.gaps.map((g, i) => (
              <List.Item key={i}>{g.message}</List.Item>
            ))}
          </List>
        )}
      </Card>
      <Table.ScrollContainer minWidth={480} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Internal leaders being prepared (scrolls sideways)' } }}>
        <Table striped>
          <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>Internal leaders being prepared</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Leader</Table.Th>
              <Table.Th scope="col">Capacities taken on</Table.Th>
              <Table.Th scope="col">Planned hand-over</Table.Th>
              {mayManage && <Table.Th scope="col">Change</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {transfers.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={mayManage ? 4 : 3}>Nobody yet.</Table.Td>
              </Table.Tr>
            ) : (
              transfers.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Th scope="row">{t.internalLeaderName}</Table.Th>
                  <Table.Td>{t.capacities.map(label).join(', ')}</Table.Td>
                  <Table.Td>{formatDay(t.plannedHandOverOn)}</Table.Td>
                  {mayManage && (
                    <Table.Td>
                      <Button size="xs" variant="default" loading={remove.isPending && remove.variables === t.id} onClick={() => remove.mutate(t.id, { onSuccess: () => announce(`Took ${t.internalLeaderName} out of the hand-over plan.`) })}>
                        Remove {t.internalLeaderName}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ProblemAlert error={remove.error} title="Could not remove the leader" />
      {mayManage && (
      <Card withBorder padding="md" component="section" aria-labelledby="add-leader-heading">
        <Title order={2} size="h4" id="add-leader-heading" mb="sm">
          Add an internal leader
        </Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!leader) return;
            add.mutate({ internalLeaderPersonId: leader.value, capacities: areas, plannedHandOverOn: on }, { onSuccess: () => (announce(`Added ${leader.label} to the hand-over plan.`), setLeader(null), setAreas([])) });
          }}
        >
          <Stack gap="sm">
            <PersonPicker label="Internal leader" required value={leader} onChange={setLeader} />
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontWeight: 500, fontSize: 14 }}>Capacities they take on</legend>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
                {(focus.data?.areas ?? []).filter((a) => !a.retired).map((a) => (
                  <label key={a.key} style={{ display: 'flex', gap: 8, alignItems: 'center', fontSize: 14 }}>
                    <input type="checkbox" checked={areas.includes(a.key)} onChange={(e) => setAreas((x) => (e.target.checked ? [...x, a.key] : x.filter((k) => k !== a.key)))} />
                    {a.label}
                  </label>
                ))}
              </SimpleGrid>
            </fieldset>
            <TextInput type="date" label="Planned hand-over" required value={on} onChange={(e) => setOn(e.currentTarget.value)} />
            <ProblemAlert error={add.error} title="Could not add the leader" />
            <Button type="submit" loading={add.isPending} disabled={!leader}>
              Add to the plan
            </Button>
          </Stack>
        </form>
      </Card>
      )}
    </Stack>
  );
}

const MODE_COLORS: Record<string, string> = { email: '#1864ab', call: '#5f3dc4', video: '#0b7285', onsite: '#2b8a3e' };

function Reports({ unitId }: { unitId: string }) {
  const [groupBy, setGroupBy] = useState<'coach' | 'unit'>('coach');
  const report = useQuery(reportsQuery(unitId, groupBy));
  return (
    <Stack gap="lg">
      <SegmentedControl aria-label="Compliance by" value={groupBy} onChange={(v) => setGroupBy(v as 'coach' | 'unit')} data={[{ value: 'coach', label: 'By coach' }, { value: 'unit', label: 'By unit' }]} style={{ alignSelf: 'flex-start' }} />
      {report.isPending ? <Loading /> : report.isError ? <ProblemAlert error={report.error} title="Could not load the reports" /> : <ReportViews unitId={unitId} report={report.data} />}
    </Stack>
  );
}

function CsvLink({ unitId, report, groupBy, what }: { unitId: string; report: 'contacts' | 'compliance' | 'topics'; groupBy: 'coach' | 'unit'; what: string }) {
  return (
    <Anchor href={reportCsvUrl(unitId, report, groupBy)} download size="sm">
      Download {what} as CSV
    </Anchor>
  );
}

function ReportViews({ unitId, report }: { unitId: string; report: ReportRecord }) {
  const total = report.contactsByMonth.reduce((n, r) => n + r.total, 0);
  const groups = [...new Set(report.compliance.map((r) => r.key))];
  const names = new Map(report.compliance.map((r) => [r.key, r.name]));
  const complianceRows = report.contactsByMonth.map((m) => ({
    month: m.month,
    ...Object.fromEntries(groups.map((g) => [g, (() => { const c = report.compliance.find((r) => r.key === g && r.month === m.month)?.compliance; return c === null || c === undefined ? null : Math.round(c * 100); })()])),
  }));
  const palette = ['#1864ab', '#c92a2a', '#2b8a3e', '#5f3dc4', '#e8590c', '#0b7285'];
  const covered = report.topics.filter((t) => t.contacts > 0);
  return (
    <Stack gap="xl">
      <section aria-labelledby="contacts-month-heading">
        <Title order={2} size="h4" id="contacts-month-heading">
          Contacts per month by mode
        </Title>
        <figure style={{ margin: 0 }} aria-labelledby="contacts-month-caption">
          <div style={{ width: '100%', height: 260 }}>
            <ResponsiveContainer>
              <BarChart data={report.contactsByMonth} title="Contacts per month by mode" desc={`${total} contacts from ${report.from} to ${report.to}; the table below has every figure.`}>
                <CartesianGrid stroke="#dee2e6" strokeDasharray="3 3" />
                <XAxis dataKey="month" tick={{ fill: '#343a40' }} />
                <YAxis allowDecimals={false} tick={{ fill: '#343a40' }} />
                <Tooltip />
                <Legend />
                {COACHING_CONTACT_MODES.map((m) => (
                  <Bar key={m} dataKey={m} name={modeLabel(m)} stackId="a" fill={MODE_COLORS[m]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <Text component="figcaption" id="contacts-month-caption" size="sm" c="dimmed">
            {total} contacts from {report.from} to {report.to}, stacked by mode. The table below has every figure.
          </Text>
        </figure>
        <Table.ScrollContainer minWidth={480} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Contacts per month by mode (scrolls sideways)' } }}>
          <Table striped data-testid="contacts-by-month">
            <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>Contacts per month by mode</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Month</Table.Th>
                {COACHING_CONTACT_MODES.map((m) => (
                  <Table.Th scope="col" key={m}>
                    {modeLabel(m)}
                  </Table.Th>
                ))}
                <Table.Th scope="col">Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.contactsByMonth.map((r) => (
                <Table.Tr key={r.month}>
                  <Table.Th scope="row">{r.month}</Table.Th>
                  {COACHING_CONTACT_MODES.map((m) => (
                    <Table.Td key={m}>{r[m]}</Table.Td>
                  ))}
                  <Table.Td>{r.total}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <CsvLink unitId={unitId} report="contacts" groupBy={report.groupBy} what="contacts per month" />
      </section>

      <section aria-labelledby="compliance-heading">
        <Title order={2} size="h4" id="compliance-heading">
          Cadence compliance by {report.groupBy === 'coach' ? 'coach' : 'unit'}
        </Title>
        <Text size="sm" c="dimmed">
          The share of days an engagement was on time (on track or due soon), of the days measured; paused days are left out.
        </Text>
        {groups.length > 0 && (
          <figure style={{ margin: 0 }} aria-labelledby="compliance-caption">
            <div style={{ width: '100%', height: 260 }}>
              <ResponsiveContainer>
                <LineChart data={complianceRows} title="Cadence compliance per month" desc="Percent of measured days on time; the table below has every figure.">
                  <CartesianGrid stroke="#dee2e6" strokeDasharray="3 3" />
                  <XAxis dataKey="month" tick={{ fill: '#343a40' }} />
                  <YAxis domain={[0, 100]} unit="%" tick={{ fill: '#343a40' }} />
                  <Tooltip />
                  <Legend />
                  {groups.map((g, i) => (
                    <Line key={g} dataKey={g} name={names.get(g) ?? g} stroke={palette[i % palette.length]} strokeWidth={2} connectNulls isAnimationActive={false} />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
            <Text component="figcaption" id="compliance-caption" size="sm" c="dimmed">
              Compliance per month for {groups.length} {report.groupBy === 'coach' ? 'coaches' : 'units'}. The table below has every figure.
            </Text>
          </figure>
        )}
        <Table.ScrollContainer minWidth={560} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Cadence compliance (scrolls sideways)' } }}>
          <Table striped data-testid="compliance-table">
            <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>Cadence compliance</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{report.groupBy === 'coach' ? 'Coach' : 'Unit'}</Table.Th>
                <Table.Th scope="col">Month</Table.Th>
                <Table.Th scope="col">On time</Table.Th>
                <Table.Th scope="col">Overdue days</Table.Th>
                <Table.Th scope="col">Paused days</Table.Th>
                <Table.Th scope="col">Compliance</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.compliance.map((r) => (
                <Table.Tr key={`${r.key}-${r.month}`}>
                  <Table.Th scope="row">{r.name}</Table.Th>
                  <Table.Td>{r.month}</Table.Td>
                  <Table.Td>{r.onTrackDays + r.dueSoonDays}</Table.Td>
                  <Table.Td>{r.overdueDays}</Table.Td>
                  <Table.Td>{r.pausedDays}</Table.Td>
                  <Table.Td>{percent(r.compliance)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <CsvLink unitId={unitId} report="compliance" groupBy={report.groupBy} what="compliance" />
      </section>

      <section aria-labelledby="topics-heading">
        <Title order={2} size="h4" id="topics-heading">
          Topics covered
        </Title>
        <Table.ScrollContainer minWidth={360} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Topics covered (scrolls sideways)' } }}>
          <Table striped>
            <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>Contacts that covered each focus area</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Focus area</Table.Th>
                <Table.Th scope="col">Contacts</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(covered.length ? covered : report.topics).map((t) => (
                <Table.Tr key={t.key}>
                  <Table.Th scope="row">{t.label}</Table.Th>
                  <Table.Td>{t.contacts}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <CsvLink unitId={unitId} report="topics" groupBy={report.groupBy} what="topics" />
      </section>
    </Stack>
  );
}
