// Add a person to a mechanism (found by search), change a membership, or end one on a day.
import { useRef, useState } from 'react';
import { Checkbox, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { MEMBERSHIP_ROLE_DESCRIPTIONS, MEMBERSHIP_ROLE_LABELS, MEMBERSHIP_ROLES, MembershipCreate, MembershipUpdate, type MechanismDetail, type Membership, type MembershipRole } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { PersonPicker } from '../../../components/PersonPicker';
import type { SearchOption } from '../../../components/SearchSelect';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, zodFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useAddMember, useChangeMember } from '../api/mechanismMutations';
import { mechanismQuery } from '../api/mechanismQueries';
import { today } from './labels';

interface Props {
  mechanism: MechanismDetail;
  opened: boolean;
  onClose: () => void;
}

const roleOptions = MEMBERSHIP_ROLES.map((r) => ({ value: r, label: MEMBERSHIP_ROLE_LABELS[r] }));

function useLatestMember(mechanismId: string, memberId: string) {
  const queryClient = useQueryClient();
  return async () => {
    const fresh = await queryClient.fetchQuery({ ...mechanismQuery(mechanismId), staleTime: 0 });
    return fresh.members.find((m) => m.id === memberId) ?? null;
  };
}

export function MemberDialog({ mechanism, member, opened, onClose }: Props & { member: Membership | null }) {
  const [person, setPerson] = useState<SearchOption | null>(null);
  const [role, setRole] = useState<MembershipRole>(member?.role ?? 'member');
  const [startOn, setStartOn] = useState(member ? (member.startOn ?? '') : today());
  const [endOn, setEndOn] = useState(member?.endOn ?? '');
  const [designated, setDesignated] = useState(member?.designated ?? false);
  const [trained, setTrained] = useState(member?.trained ?? false);
  const [version, setVersion] = useState(member?.version ?? 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const add = useAddMember(mechanism.id);
  const change = useChangeMember(mechanism.id, member?.id ?? '');
  const latest = useLatestMember(mechanism.id, member?.id ?? '');
  const announce = useAnnounce();
  useFocusOnErrors(form, errors);
  const mutation = member ? change : add;

  const submit = () => {
    const done = {
      onSuccess: (saved: Membership) => {
        announce(member ? `Saved ${saved.personName}’s membership.` : `Added ${saved.personName} to ${mechanism.name}.`);
        onClose();
      },
      onError: (e: unknown) => setErrors(problemFieldErrors(e)),
    };
    if (member) {
      const parsed = MembershipUpdate.safeParse({ version, role, startOn: startOn || null, endOn: endOn || null, designated, trained });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      setErrors({});
      change.mutate(parsed.data, done);
    } else {
      if (!person) return setErrors({ personId: 'Choose a person' });
      const parsed = MembershipCreate.safeParse({ personId: person.value, role, startOn: startOn || null, designated, trained });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      setErrors({});
      add.mutate(parsed.data, done);
    }
  };

  const reload = async () => {
    const fresh = await latest();
    if (fresh) {
      setRole(fresh.role);
      setStartOn(fresh.startOn ?? '');
      setEndOn(fresh.endOn ?? '');
      setDesignated(fresh.designated);
      setTrained(fresh.trained);
      setVersion(fresh.version);
    }
    setErrors({});
    change.reset();
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={member ? `Edit ${member.personName}’s membership` : `Add a member to ${mechanism.name}`}
      submitLabel={member ? 'Save changes' : 'Add member'}
      pending={mutation.isPending}
      error={mutation.error}
      errorTitle={member ? 'Could not save the membership' : 'Could not add the member'}
      onSubmit={submit}
      {...(member ? { onReload: () => void reload() } : {})}
      formRef={form}
    >
      {!member && <PersonPicker label="Person" required value={person} onChange={setPerson} error={errors.personId} data-testid="member-person" />}
      <NativeSelect label="Role" description={MEMBERSHIP_ROLE_DESCRIPTIONS[role]} data={roleOptions} value={role} onChange={(e) => setRole(e.currentTarget.value as MembershipRole)} error={errors.role} />
      <Group grow align="flex-start">
        <TextInput type="date" label="Start date" value={startOn} onChange={(e) => setStartOn(e.currentTarget.value)} error={errors.startOn} />
        {member && <TextInput type="date" label="End date" description="Set to end the membership." value={endOn} onChange={(e) => setEndOn(e.currentTarget.value)} error={errors.endOn} />}
      </Group>
      <Checkbox label="Designated" description="Formally designated to this mechanism." checked={designated} onChange={(e) => setDesignated(e.currentTarget.checked)} />
      <Checkbox label="Trained" description="Prepared to carry out its functions." checked={trained} onChange={(e) => setTrained(e.currentTarget.checked)} />
    </FormDialog>
  );
}

export function EndMembershipDialog({ mechanism, member, opened, onClose }: Props & { member: Membership }) {
  const [endOn, setEndOn] = useState(today());
  const [version, setVersion] = useState(member.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const change = useChangeMember(mechanism.id, member.id);
  const latest = useLatestMember(mechanism.id, member.id);
  const announce = useAnnounce();
  useFocusOnErrors(form, errors);

  const submit = () => {
    const parsed = MembershipUpdate.safeParse({ version, endOn });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    change.mutate(parsed.data, {
      onSuccess: (saved) => {
        announce(`Ended ${saved.personName}’s membership.`);
        onClose();
      },
      onError: (e) => setErrors(problemFieldErrors(e)),
    });
  };

  const reload = async () => {
    const fresh = await latest();
    if (fresh) setVersion(fresh.version);
    setErrors({});
    change.reset();
  };

  return (
    <FormDialog opened={opened} onClose={onClose} title={`End ${member.personName}’s membership`} submitLabel="End membership" pending={change.isPending} error={change.error} errorTitle="Could not end the membership" onSubmit={submit} onReload={() => void reload()} formRef={form} size="md">
      <Text size="sm">The membership stays on record, ended on this day.</Text>
      <TextInput type="date" label="End date" required value={endOn} onChange={(e) => setEndOn(e.currentTarget.value)} error={errors.endOn} />
    </FormDialog>
  );
}
