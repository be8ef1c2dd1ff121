// The survey behind a shared link, for anyone who has it, signed in or not: the unit's name, the
// statements grouped by factor with a 1–5 agreement scale each, submit, thank you. Nothing else is
// shown, and nothing but the answers is sent (no name, no address). A closed survey says so.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Container, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { READINESS_PRIVACY_FLOOR } from '@trellis/core';
import { numberWord } from './labels';
import { Loading } from '../../../components/Loading';
import { describeError, isProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useAnswerSurvey } from '../api/progressMutations';
import { publicSurveyQuery } from '../api/progressQueries';

export function PublicSurveyPage({ token }: { token: string }) {
  const survey = useQuery(publicSurveyQuery(token));
  const answer = useAnswerSurvey(token);
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState(false);
  usePageTitle(survey.data ? `Survey · ${survey.data.unitName}` : 'Survey');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const answers = Object.entries(values).map(([itemKey, v]) => ({ itemKey, value: Number(v) }));
    if (answers.length === 0) {
      setMissing(true);
      document.getElementById('survey-missing')?.focus();
      return;
    }
    setMissing(false);
    answer.mutate({ answers });
  };

  let body;
  if (survey.isPending) body = <Loading label="Loading the survey…" />;
  else if (survey.isError)
    body = (
      <>
        <Title order={1} tabIndex={-1} data-page-heading>
          {isProblem(survey.error, 404) ? 'Survey not found' : 'The survey could not be loaded'}
        </Title>
        <Text>{isProblem(survey.error, 404) ? 'This link does not open a survey. Check that it was copied whole, or ask whoever sent it.' : describeError(survey.error)}</Text>
      </>
    );
  else {
    const s = survey.data;
    const closed = !s.open || (isProblem(answer.error, 409) && answer.error.errors.some((x) => x.field === 'survey'));
    body = (
      <>
        <Stack gap={4}>
          <Title order={1} tabIndex={-1} data-page-heading>
            {s.instrument.name}
          </Title>
          <Text size="lg" fw={600} data-testid="survey-unit">
            {s.unitName}
          </Text>
        </Stack>
        {answer.isSuccess ? (
          <Alert color="trellis" variant="light" title="Thank you" data-testid="survey-thanks" role="status">
            Your answers are recorded. They are kept without your name or any way to trace them to you, and are shown only together with at least {numberWord(READINESS_PRIVACY_FLOOR - 1)} others.
          </Alert>
        ) : closed ? (
          <Alert color="gray" variant="light" title="This survey is closed" data-testid="survey-closed">
            It takes no more answers. Thank you all the same.
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="lg">
              <Text>
                {s.instrument.summary} Answer as many statements as you like; you may skip any. Your answers are anonymous: no name, email or address is kept.
              </Text>
              {s.instrument.factors.map((f) => {
                const items = s.instrument.items.filter((i) => i.factor === f.key);
                if (items.length === 0) return null;
                return (
                  <Paper key={f.key} withBorder p="md" radius="md" component="fieldset" style={{ margin: 0 }}>
                    <Text component="legend" fw={700} px={4}>
                      {f.label}
                    </Text>
                    <Stack gap="md">
                      {items.map((i) => (
                        <Radio.Group key={i.key} name={i.key} label={i.statement} value={values[i.key] ?? ''} onChange={(v) => setValues((x) => ({ ...x, [i.key]: v }))}>
                          <Stack gap={6} mt="xs">
                            {s.instrument.scale.map((p) => (
                              <Radio key={p.value} value={String(p.value)} label={`${p.value} — ${p.label}`} />
                            ))}
                          </Stack>
                        </Radio.Group>
                      ))}
                    </Stack>
                  </Paper>
                );
              })}
              {missing && (
                <Alert color="red" variant="light" title="No answer yet" id="survey-missing" tabIndex={-1}>
                  Answer at least one statement before sending.
                </Alert>
              )}
              {answer.isError && !closed && (
                <Alert color="red" variant="light" title="Your answers could not be sent">
                  {describeError(answer.error)}
                </Alert>
              )}
              <Button type="submit" loading={answer.isPending} style={{ alignSelf: 'flex-start' }}>
                Send my answers
              </Button>
            </Stack>
          </form>
        )}
      </>
    );
  }
  return (
    <main>
      <Container size="sm" py="xl">
        <Stack gap="lg">{body}</Stack>
      </Container>
    </main>
  );
}
