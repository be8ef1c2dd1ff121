// Archive a unit (it leaves the tree and searches, its history stays) or restore it.
import { useQueryClient } from '@tanstack/react-query';
import type { Unit } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { useArchiveUnit } from '../api/unitMutations';
import { unitKeys } from '../api/unitQueries';

export function ArchiveUnitDialog({ unit, opened, onClose }: { unit: Unit; opened: boolean; onClose: () => void }) {
  const archive = useArchiveUnit(unit.id);
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const archiving = !unit.archived;
  return (
    <ConfirmDialog
      opened={opened}
      onClose={onClose}
      title={archiving ? `Archive ${unit.name}?` : `Restore ${unit.name}?`}
      confirmLabel={archiving ? 'Archive' : 'Restore'}
      danger={archiving}
      pending={archive.isPending}
      error={archive.error}
      onReload={() => {
        archive.reset();
        void queryClient.invalidateQueries({ queryKey: unitKeys.detail(unit.id) });
      }}
      onConfirm={() =>
        archive.mutate(
          { version: unit.version, archived: archiving },
          {
            onSuccess: (saved) => {
              announce(saved.archived ? `Archived ${saved.name}.` : `Restored ${saved.name}.`);
              onClose();
            },
          },
        )
      }
    >
      {archiving
        ? 'It will no longer appear in the tree or in searches. Its history is kept, and you can restore it from this page.'
        : 'It will appear in the tree and in searches again.'}
    </ConfirmDialog>
  );
}
