// Downloading a backup of the whole database, for whoever administers the whole organization (a
// system administrator, or an administrator of the state). Restoring is done with `trellis restore`.
import { Button, Paper, Stack, Text } from '@mantine/core';
import type { SessionInfo } from '@trellis/core';

/** The server decides (an administrator at every state); this only spares others a button that would be refused. */
export const mayDownloadBackup = (session: SessionInfo) => session.person.isSystemAdmin || session.grants.some((g) => g.role === 'admin' && g.unitKind === 'state');

export function BackupPanel() {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="backup-heading" data-testid="backup-panel">
      <Stack gap="xs" align="flex-start">
        <Text id="backup-heading" fw={600} component="h2" size="lg">
          Backup
        </Text>
        <Text size="sm">
          One file with everything in Trellis — every unit, person, account, plan and change — to keep somewhere safe. Your technical staff can load it into a new, empty
          Trellis with <code>trellis restore</code>. It holds sign-in details, so store it as carefully as the database itself.
        </Text>
        <Button component="a" href="/api/admin/backup" download variant="default" data-testid="download-backup">
          Download a backup
        </Button>
      </Stack>
    </Paper>
  );
}
