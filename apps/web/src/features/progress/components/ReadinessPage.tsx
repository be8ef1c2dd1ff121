// Readiness and commitment: leaders send a survey for a period and share its link (anyone with it
// answers anonymously); the surveys with how many answered, closed at will; the results by factor
// and over time, each shown only once five have answered.
import { useState } from 'react';
import { Badge, Button, CopyButton, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { READINESS_DEFAULT_SURVEY, READINESS_FACTOR_CATALOG, ReadinessSurveyCreate, type ReadinessFactor, type UnitDetail } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { orNull } from '../../../lib/forms';
import { plural } from '../../../lib/format';
import { useDialog } from '../../../lib/useDialog';
import { useDialogForm } from '../../../lib/useDialogForm';
import { usePageTitle } from '../../../lib/usePageTitle';
import { Section } from '../../plans/components/Section';
import { useCloseSurvey, useCreateSurvey } from '../api/progressMutations';
import { readinessResultsQuery, surveysQuery, type SurveyRecord } from '../api/progressQueries';
import { ShareBar, ScrollTable } from './Charts';
import { ReadinessTable } from './ProgressOverviewPage';
import { ProgressFrame } from './ProgressFrame';
import { WithUnit } from './WithUnit';
import { formatDay, formatMean, periodLabel, recentQuarters, FLOOR_WORDS } from './labels';

export const surveyLink = (token: string) => `${window.location.origin}/survey/${token}`;

export function ReadinessPage({ unitId }: { unitId: string }) {
  return <WithUnit unitId={unitId}>{(access) => <Readiness {...access} />}</WithUnit>;
}

function Readiness({ unit, mayManage }: { unit: UnitDetail; mayManage: boolean }) {
  usePageTitle(`Readiness · ${unit.name}`);
  const surveys = useQuery(surveysQuery(unit.id));
  const results = useQuery(readinessResultsQuery(unit.id));
  const send = useDialog();
  return (
    <ProgressFrame
      unit={unit}
      section="readiness"
      title={`Readiness and commitment: ${unit.name}`}
      description={`An anonymous survey of the stakeholders on the climate for change. Anyone with the link may answer; no name or address is kept. Results show once ${FLOOR_WORDS} have answered, so that no one’s answers can be singled out.`}
      actions={mayManage && <Button onClick={send.open}>Send a survey</Button>}
    >
      <Section id="surveys-heading" title="Surveys">
        {surveys.isPending ? (
          <Loading label="Loading the surveys…" />
        ) : surveys.isError ? (
          <ProblemAlert error={surveys.error} title="Could not load the surveys" />
        ) : surveys.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No survey sent yet.{mayManage ? ' Send one and share its link with the stakeholders.' : ''}
          </Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {surveys.data.map((s) => (
              <SurveyCard key={s.id} survey={s} mayManage={mayManage} />
            ))}
          </Stack>
        )}
      </Section>
      <Section id="results-heading" title="Results">
        {results.isPending ? (
          <Loading label="Loading the results…" />
        ) : results.isError ? (
          <ProblemAlert error={results.error} title="Could not load the results" />
        ) : results.data.trend.length === 0 ? (
          <Text size="sm" c="dimmed">
            No one has answered yet.
          </Text>
        ) : (
          <Stack gap="md">
            {results.data.latest && results.data.latest.status === 'withheld' ? (
              <Text size="sm" data-testid="readiness-latest">
                {plural(results.data.latest.respondents, 'person has', 'people have')} answered the latest survey. Results are shown once {FLOOR_WORDS} have answered.
              </Text>
            ) : results.data.latest ? (
              <>
                <Text size="sm" data-testid="readiness-latest">
                  {results.data.latest.respondents} answered the latest survey; the mean agreement is {formatMean(results.data.latest.mean, 2)} on a scale of 1 (strongly disagree) to 5 (strongly agree).
                </Text>
                <ScrollTable minWidth={480} label="Latest survey by factor">
                  <Table>
                    <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>Latest survey by factor</caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">Factor</Table.Th>
                        <Table.Th scope="col">Answered</Table.Th>
                        <Table.Th scope="col">Mean (1–5)</Table.Th>
                        <Table.Th scope="col" style={{ width: '30%' }}>
                          <span aria-hidden>Chart</span>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {results.data.latest.factors.map((f) => (
                        <Table.Tr key={f.factor}>
                          <Table.Th scope="row">{READINESS_FACTOR_CATALOG[f.factor as ReadinessFactor]?.label ?? f.factor}</Table.Th>
                          <Table.Td>{f.respondents}</Table.Td>
                          <Table.Td>{f.mean === null ? `Shown once ${FLOOR_WORDS} have answered` : formatMean(f.mean, 2)}</Table.Td>
                          <Table.Td>{f.mean !== null && <ShareBar share={(f.mean - 1) / 4} />}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              </>
            ) : null}
            <ReadinessTable
              caption="Readiness over time"
              rows={results.data.trend.map((p) => ({ period: p.period, status: p.status, respondents: p.respondents, mean: p.status === 'shown' ? p.mean : null, meanChange: p.meanChange }))}
            />
          </Stack>
        )}
      </Section>
      <SurveyDialog key={send.key} unitId={unit.id} opened={send.opened} onClose={send.close} />
    </ProgressFrame>
  );
}

function SurveyCard({ survey: s, mayManage }: { survey: SurveyRecord; mayManage: boolean }) {
  const close = useCloseSurvey();
  const link = surveyLink(s.linkToken);
  const id = `survey-${s.id}`;
  return (
    <Paper component="li" withBorder p="sm" radius="md" data-testid="survey">
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text fw={600} id={id}>
            Survey for {periodLabel(s.period)}
          </Text>
          <Badge variant="light" color={s.open ? 'trellis' : 'gray'}>
            {s.open ? 'Open' : 'Closed'}
          </Badge>
        </Group>
        <Text size="sm" data-testid="survey-responses">
          {plural(s.responses, 'answer')}
          {s.closesOn ? ` · closes ${formatDay(s.closesOn)}` : ''}
          {s.closedAt ? ` · closed ${formatDay(s.closedAt)}` : ''}
        </Text>
        {s.open && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput label="Link to share" readOnly value={link} style={{ flex: '1 1 18rem' }} onFocus={(e) => e.currentTarget.select()} data-testid="survey-link" />
            <CopyButton value={link}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy} aria-describedby={id}>
                  {copied ? 'Copied' : 'Copy the link'}
                </Button>
              )}
            </CopyButton>
            {mayManage && (
              <Button variant="default" loading={close.isPending} onClick={() => close.mutate({ id: s.id, version: s.version })} aria-describedby={id}>
                Close the survey
              </Button>
            )}
          </Group>
        )}
        <ProblemAlert error={close.error} title="Could not close the survey" />
      </Stack>
    </Paper>
  );
}

function SurveyDialog({ unitId, opened, onClose }: { unitId: string; opened: boolean; onClose: () => void }) {
  const create = useCreateSurvey();
  const form = useDialogForm(onClose);
  const quarters = recentQuarters(4);
  const [period, setPeriod] = useState(quarters[0]!);
  const [closesOn, setClosesOn] = useState('');
  const e = form.errors;
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Send a readiness survey"
      submitLabel="Create the link"
      pending={create.isPending}
      error={create.error}
      errorTitle="Could not create the survey"
      onSubmit={() =>
        form.send(
          ReadinessSurveyCreate,
          { unitId, period, instrument: { id: READINESS_DEFAULT_SURVEY.id, version: READINESS_DEFAULT_SURVEY.version }, closesOn: orNull(closesOn) },
          (input) => create.mutateAsync(input),
          () => 'The survey is ready: copy its link and share it with the stakeholders.',
        )
      }
      formRef={form.formRef}
    >
      <Text size="sm">
        {READINESS_DEFAULT_SURVEY.summary} Anyone with the link can answer, without signing in; share it by email or on paper.
      </Text>
      <NativeSelect label="Period" data={quarters.map((q) => ({ value: q, label: periodLabel(q) }))} value={period} onChange={(ev) => setPeriod(ev.currentTarget.value)} error={e.period} />
      <TextInput label="Closes on" description="Optional: the last day it takes answers" type="date" value={closesOn} onChange={(ev) => setClosesOn(ev.currentTarget.value)} error={e.closesOn} style={{ maxWidth: '14rem' }} />
    </FormDialog>
  );
}
