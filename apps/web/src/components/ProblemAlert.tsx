// Shows why a request failed, in the server's words. A stale write (409 on `version`) offers a reload.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { describeError, isProblem, isStaleVersion } from '../lib/problem';

interface ProblemAlertProps {
  error: unknown;
  /** What the failed action was, as a title: "Could not save the unit". */
  title?: string;
  /** Offered when someone else changed the record: reload it, then try again. */
  onReload?: () => void;
}

export function ProblemAlert({ error, title, onReload }: ProblemAlertProps) {
  if (!error) return null;
  const stale = isStaleVersion(error);
  const heading = stale ? 'Someone else changed this' : isProblem(error, 403) ? 'Not allowed' : (title ?? 'Something went wrong');
  return (
    <Alert color="red" variant="light" title={heading} data-testid="problem-alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{describeError(error)}</Text>
        {stale && onReload && (
          <Button size="xs" variant="default" onClick={onReload}>
            Reload the latest version
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
