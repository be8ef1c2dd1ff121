// Choosing people at a meeting: attendees ticked from the mechanism's current members, with others
// (a district facilitator, a coach) found by search; an action item's owner, a member or anyone found.
import { useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, Stack, Text } from '@mantine/core';
import type { Membership } from '@trellis/core';
import { PersonPicker } from '../../../components/PersonPicker';
import type { SearchOption } from '../../../components/SearchSelect';

export interface Attendance {
  /** Current members ticked as present. */
  memberIds: string[];
  /** People from outside the mechanism who attended. */
  others: SearchOption[];
}

export const attendeeIds = (a: Attendance) => [...a.memberIds, ...a.others.map((o) => o.value)];

export function AttendeesField({ members, value, onChange, error }: { members: Membership[]; value: Attendance; onChange: (a: Attendance) => void; error?: string | undefined }) {
  const [searched, setSearched] = useState<SearchOption | null>(null);
  const addOther = (o: SearchOption | null) => {
    setSearched(null);
    if (o && !attendeeIds(value).includes(o.value)) onChange({ ...value, others: [...value.others, o] });
  };
  return (
    <Stack gap="xs">
      {members.length > 0 ? (
        <Checkbox.Group label="Attendees" description="The mechanism’s current members who attended." value={value.memberIds} onChange={(ids) => onChange({ ...value, memberIds: ids })} error={error}>
          <Stack gap={6} mt="xs">
            {members.map((m) => (
              <Checkbox key={m.personId} value={m.personId} label={m.personName} />
            ))}
          </Stack>
        </Checkbox.Group>
      ) : (
        <Text size="sm" c="dimmed">
          The mechanism has no current members; add attendees by search.
        </Text>
      )}
      {value.others.length > 0 && (
        <Stack component="ul" gap={4} style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Other attendees">
          {value.others.map((o) => (
            <Group component="li" key={o.value} gap="xs" justify="space-between" wrap="nowrap">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {o.label}
              </Text>
              <Button size="xs" variant="subtle" aria-label={`Remove ${o.label}`} onClick={() => onChange({ ...value, others: value.others.filter((x) => x.value !== o.value) })}>
                Remove
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <PersonPicker label="Another attendee" description="Someone who is not a member, found by name or email." value={searched} onChange={addOther} data-testid="other-attendee" />
    </Stack>
  );
}

const SOMEONE_ELSE = 'someone-else';

/** Who owns an action item; `searching` while the owner is to be found among everyone. */
export interface Owner {
  searching: boolean;
  person: SearchOption | null;
}

/** The owner of an action item: one of the members, or someone found by search. */
export function OwnerField({ members, value, onChange, error }: { members: Membership[]; value: Owner; onChange: (o: Owner) => void; error?: string | undefined }) {
  const choice = value.searching ? SOMEONE_ELSE : (value.person?.value ?? '');
  const choose = (v: string) => {
    const member = members.find((m) => m.personId === v);
    onChange({ searching: v === SOMEONE_ELSE, person: member ? { value: member.personId, label: member.personName } : null });
  };
  return (
    <>
      <NativeSelect
        label="Owner"
        description="Who carries it out."
        data={[{ value: '', label: 'No owner yet' }, ...members.map((m) => ({ value: m.personId, label: m.personName })), { value: SOMEONE_ELSE, label: 'Someone else…' }]}
        value={choice}
        onChange={(e) => choose(e.currentTarget.value)}
        error={value.searching ? undefined : error}
      />
      {value.searching && <PersonPicker label="Find the owner" required value={value.person} onChange={(person) => onChange({ searching: true, person })} error={error} data-testid="owner-person" />}
    </>
  );
}
