// What a leader may do to a unit: add a unit under it, edit it, move it, archive or restore it.
// Shown only to leaders and above; the server still decides, and a refusal shows in the dialog.
import { Button } from '@mantine/core';
import { allowedChildKinds, type UnitDetail } from '@trellis/core';
import { useDialog } from '../../../lib/useDialog';
import { AddUnitDialog } from './AddUnitDialog';
import { ArchiveUnitDialog } from './ArchiveUnitDialog';
import { EditUnitDialog } from './EditUnitDialog';
import { MoveUnitDialog } from './MoveUnitDialog';

export function UnitActions({ unit }: { unit: UnitDetail }) {
  const add = useDialog();
  const edit = useDialog();
  const move = useDialog();
  const archive = useDialog();
  const mayAddUnder = allowedChildKinds(unit.kind).length > 0 && !unit.archived;
  const isTop = unit.kind === 'state';
  return (
    <>
      {mayAddUnder && <Button onClick={add.open}>Add unit</Button>}
      <Button variant="default" onClick={edit.open}>
        Edit
      </Button>
      {!isTop && (
        <Button variant="default" onClick={move.open} disabled={unit.archived}>
          Move
        </Button>
      )}
      {!isTop && (
        <Button variant="default" onClick={archive.open}>
          {unit.archived ? 'Restore' : 'Archive'}
        </Button>
      )}
      {mayAddUnder && <AddUnitDialog key={`add-${add.key}`} parent={unit} opened={add.opened} onClose={add.close} />}
      <EditUnitDialog key={`edit-${edit.key}`} unit={unit} opened={edit.opened} onClose={edit.close} />
      {!isTop && <MoveUnitDialog key={`move-${move.key}`} unit={unit} opened={move.opened} onClose={move.close} />}
      {!isTop && <ArchiveUnitDialog key={`archive-${archive.key}`} unit={unit} opened={archive.opened} onClose={archive.close} />}
    </>
  );
}
