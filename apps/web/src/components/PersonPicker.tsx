// Pick a person by typing their name, email or title (GET /api/people?q=).
import type { Person } from '@trellis/core';
import { api, withQuery } from '../lib/api';
import { SearchSelect, type SearchOption } from './SearchSelect';

interface PersonPickerProps {
  label: string;
  description?: string;
  required?: boolean;
  error?: string | undefined;
  value: SearchOption | null;
  onChange: (option: SearchOption | null) => void;
  'data-testid'?: string;
}

export const personOption = (p: Pick<Person, 'id' | 'name' | 'email'>): SearchOption => ({ value: p.id, label: `${p.name} (${p.email})` });

export function PersonPicker(props: PersonPickerProps) {
  return (
    <SearchSelect
      {...props}
      placeholder="Type a name or email"
      queryKey={['people', 'picker']}
      search={async (q, signal) => {
        const { people } = await api<{ people: Person[]; total: number }>(withQuery('/api/people', { q, limit: 20 }), { signal });
        return people.map(personOption);
      }}
    />
  );
}
