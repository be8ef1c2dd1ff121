// One audit event: when, who, what, on which thing; its field changes unfold beneath it.
import { useId, useState } from 'react';
import { Button, Table, Text } from '@mantine/core';
import type { AuditEvent } from '@trellis/core';
import { formatDateTime } from '../../../lib/format';
import { changes, describeAction, entityName } from './describeEvent';
import classes from './AuditRow.module.css';
import { AnchorLink } from '../../../components/AnchorLink';

function Entity({ event }: { event: AuditEvent }) {
  const name = entityName(event);
  if (event.entityType === 'unit')
    return (
      <AnchorLink to="/units/$unitId" params={{ unitId: event.entityId }}>
        {name}
      </AnchorLink>
    );
  if (event.entityType === 'person')
    return (
      <AnchorLink to="/people/$personId" params={{ personId: event.entityId }}>
        {name}
      </AnchorLink>
    );
  return <Text span>{name}</Text>;
}

export function AuditRow({ event }: { event: AuditEvent }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const fieldChanges = changes(event);
  return (
    <>
      <Table.Tr>
        <Table.Td className={classes.when}>
          <time dateTime={event.at}>{formatDateTime(event.at)}</time>
        </Table.Td>
        <Table.Td>
          {event.actorId ? (
            <AnchorLink to="/people/$personId" params={{ personId: event.actorId }}>
              {event.actorName ?? 'Someone'}
            </AnchorLink>
          ) : (
            <Text span c="dimmed">
              System
            </Text>
          )}
        </Table.Td>
        <Table.Td>{describeAction(event)}</Table.Td>
        <Table.Td>
          <Text span size="xs" c="dimmed" tt="uppercase" mr={6}>
            {event.entityType}
          </Text>
          <Entity event={event} />
        </Table.Td>
        <Table.Td>
          {fieldChanges.length > 0 ? (
            <Button size="compact-sm" variant="subtle" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
              {open ? 'Hide changes' : 'Show changes'}
            </Button>
          ) : (
            <Text span size="sm" c="dimmed">
              No details
            </Text>
          )}
        </Table.Td>
      </Table.Tr>
      {fieldChanges.length > 0 && (
        <Table.Tr id={detailsId} hidden={!open} className={classes.details}>
          <Table.Td colSpan={5}>
            <table className={classes.changes}>
              <caption className={classes.caption}>
                Changes: {describeAction(event).toLowerCase()}, {formatDateTime(event.at)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {fieldChanges.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{c.field}</th>
                    <td>{c.before}</td>
                    <td>{c.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
