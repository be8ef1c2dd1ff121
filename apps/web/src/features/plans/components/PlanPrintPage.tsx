// A plan laid out for paper: its title, status and version, progress by phase, then the outline as
// one table (number, task, WHO, HOW, WHEN, phase, status), each task's source in small print. Opens
// on its own, without the app's navigation; "Print" opens the browser's print dialog.
import { Button, Group, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatCitation, PLAN_KIND_LABELS, PLAN_STATUS_LABELS, TASK_STATUS_LABELS } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/format';
import { isProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/usePageTitle';
import { planQuery } from '../api/planQueries';
import { gapsOf } from './Outline';
import { bucketLabel, countWords, formatDay, phaseLabel, usedBuckets, whoWords } from './labels';
import classes from './PlanPrint.module.css';

export function PlanPrintPage({ planId }: { planId: string }) {
  const plan = useQuery(planQuery(planId));
  usePageTitle(plan.data ? `${plan.data.title} (printable)` : 'Plan');
  return (
    <main className={classes.page} id="main" tabIndex={-1}>
      {plan.isPending ? (
        <Loading label="Loading the plan…" />
      ) : plan.isError ? (
        isProblem(plan.error, 404) ? (
          <NotFoundMessage what="plan" />
        ) : (
          <ProblemAlert error={plan.error} title="Could not load the plan" />
        )
      ) : (
        <>
          <Group justify="space-between" className={classes.noPrint} mb="md">
            <AnchorLink to="/plans/$planId" params={{ planId }}>
              Back to the plan
            </AnchorLink>
            <Button onClick={() => window.print()}>Print</Button>
          </Group>
          <Title order={1} tabIndex={-1} data-page-heading>
            {plan.data.title}
          </Title>
          <Text>
            {PLAN_KIND_LABELS[plan.data.kind]} of {plan.data.unitName} · version {plan.data.planVersion} · {PLAN_STATUS_LABELS[plan.data.status]} · printed{' '}
            {formatDateTime(new Date().toISOString())}
          </Text>
          <Title order={2} size="h4" mt="md">
            Progress
          </Title>
          <ul>
            <li>Overall: {countWords(plan.data.progress.overall)}</li>
            {usedBuckets(plan.data.progress.byPhase).map((b) => (
              <li key={b}>
                {bucketLabel(b)}: {countWords(plan.data.progress.byPhase[b])}
              </li>
            ))}
          </ul>
          <Title order={2} size="h4" mt="md" mb="xs">
            Outline
          </Title>
          <div className={classes.scroller} role="region" aria-label="Outline (scrolls sideways on a narrow screen)" tabIndex={0}>
            <table className={classes.table} data-testid="print-outline">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Task</th>
                  <th scope="col">WHO</th>
                  <th scope="col">HOW</th>
                  <th scope="col">WHEN</th>
                  <th scope="col">Phase</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {plan.data.tasks.map((t) => {
                  const gaps = gapsOf(t);
                  return (
                    <tr key={t.id}>
                      <td>{t.number}</td>
                      <th scope="row" style={{ fontWeight: t.hasSubtasks ? 700 : 400, paddingInlineStart: `${0.4 + t.depth * 0.8}rem` }}>
                        {t.title}
                        {gaps.length > 0 && <div style={{ fontSize: '0.8em' }}>Incomplete planning: {gaps.map((g) => (g === 'who' ? 'no WHO' : 'no WHEN')).join(', ')}</div>}
                        {t.source && <div style={{ fontSize: '0.75em', color: '#444' }}>{formatCitation(t.source)}</div>}
                      </th>
                      <td>{whoWords(t)}</td>
                      <td>{t.how}</td>
                      <td>{t.startOn || t.dueOn ? `${formatDay(t.startOn) || '…'} – ${formatDay(t.dueOn) || '…'}` : ''}</td>
                      <td>{t.phase ? phaseLabel(t.phase) : ''}</td>
                      <td>
                        {TASK_STATUS_LABELS[t.status]}
                        {t.blockedReason ? `: ${t.blockedReason}` : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </main>
  );
}
