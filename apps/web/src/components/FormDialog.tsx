// A form in a modal dialog: title, fields, the server's reason when it refuses, Cancel and a
// submit button. Native validation is off (noValidate) so every message comes from one place.
import type { FormEvent, ReactNode, RefObject } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { ProblemAlert } from './ProblemAlert';

interface FormDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  errorTitle: string;
  onSubmit: () => void;
  onReload?: () => void;
  formRef?: RefObject<HTMLFormElement | null>;
  children: ReactNode;
  size?: string;
}

export function FormDialog({ opened, onClose, title, submitLabel, pending, error, errorTitle, onSubmit, onReload, formRef, children, size = 'lg' }: FormDialogProps) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <ProblemAlert error={error} title={errorTitle} {...(onReload ? { onReload } : {})} />
          {children}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
