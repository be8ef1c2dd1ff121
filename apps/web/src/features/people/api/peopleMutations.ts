// Adding and changing people. Lists, pages and unit pages that show people refresh afterwards.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Person, PersonCreate, PersonUpdate } from '@trellis/core';
import { api } from '../../../lib/api';
import { peopleKeys } from './peopleQueries';

function useRefreshPeople() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: peopleKeys.all });
}

export function useCreatePerson() {
  const refresh = useRefreshPeople();
  return useMutation({ mutationFn: (input: PersonCreate) => api<Person>('/api/people', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useUpdatePerson(id: string) {
  const refresh = useRefreshPeople();
  return useMutation({ mutationFn: (input: PersonUpdate) => api<Person>(`/api/people/${id}`, { method: 'PATCH', body: input }), onSuccess: refresh });
}

export function useSetPassword(id: string) {
  const refresh = useRefreshPeople();
  return useMutation({ mutationFn: (password: string) => api<void>(`/api/people/${id}/password`, { method: 'POST', body: { password } }), onSuccess: refresh });
}
