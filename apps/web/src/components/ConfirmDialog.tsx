// A yes/no question before a change that is easy to regret (archive, remove access), with the
// server's answer shown in place when it refuses.
import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ProblemAlert } from './ProblemAlert';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  onReload?: () => void;
}

export function ConfirmDialog({ opened, title, children, confirmLabel, danger, pending, error, onConfirm, onClose, onReload }: ConfirmDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Text size="sm" component="div">
          {children}
        </Text>
        <ProblemAlert error={error} title={`Could not ${confirmLabel.toLowerCase()}`} {...(onReload ? { onReload } : {})} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={danger ? 'red.8' : undefined} loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
