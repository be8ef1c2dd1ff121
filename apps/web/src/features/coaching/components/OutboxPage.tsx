// The mail outbox: every message Trellis wrote (the daily coaching digests). Without SMTP
// configured, this is where mail waits; a system administrator sees all of it, anyone else their own.
import { Alert, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { outboxQuery } from '../api/coaching';

export function OutboxPage() {
  usePageTitle('Mail outbox');
  const outbox = useQuery(outboxQuery);
  return (
    <>
      <PageHeader title="Mail outbox" description="The daily coaching digests Trellis wrote, newest first." />
      {outbox.isPending ? (
        <Loading />
      ) : outbox.isError ? (
        <ProblemAlert error={outbox.error} title="Could not load the outbox" />
      ) : (
        <Stack gap="sm">
          {!outbox.data.smtpConfigured && (
            <Alert color="blue" variant="light" title="Mail is not being sent">
              No SMTP server is configured (SMTP_HOST), so messages stay here. Read them here, or configure SMTP to send them.
            </Alert>
          )}
          {outbox.data.messages.length === 0 && <Text c="dimmed">No messages.</Text>}
          {outbox.data.messages.map((m) => (
            <Card key={m.id} withBorder padding="sm" component="article" aria-label={m.subject}>
              <Group justify="space-between" gap="xs">
                <Text fw={600}>{m.subject}</Text>
                <Badge variant="outline" color={m.sentAt ? '#1e6b32' : '#495057'}>
                  {m.sentAt ? `Sent ${formatDateTime(m.sentAt)}` : 'Not sent'}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                To {m.toAddress} · written {formatDateTime(m.createdAt)}
                {m.lastError ? ` · last error: ${m.lastError}` : ''}
              </Text>
              <Text size="sm" component="pre" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }} mt="xs">
                {m.bodyText}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </>
  );
}
