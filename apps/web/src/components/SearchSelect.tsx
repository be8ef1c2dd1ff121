// A searchable select whose options come from the server as the person types (debounced):
// the shared base of the unit and person pickers. The chosen option stays listed while the
// search moves on, so the input keeps showing it.
import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';

export interface SearchOption {
  value: string;
  label: string;
}

interface SearchSelectProps {
  label: string;
  description?: string;
  placeholder?: string;
  required?: boolean;
  error?: string | undefined;
  value: SearchOption | null;
  onChange: (option: SearchOption | null) => void;
  /** Query key prefix and loader of options for a search text. */
  queryKey: readonly unknown[];
  search: (text: string, signal: AbortSignal) => Promise<SearchOption[]>;
  /** The least number of characters before searching. */
  minChars?: number;
  'data-testid'?: string;
}

export function SearchSelect({ label, description, placeholder, required, error, value, onChange, queryKey, search, minChars = 1, ...rest }: SearchSelectProps) {
  const [text, setText] = useState(value?.label ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const searching = debounced.length >= minChars && debounced !== value?.label;
  const results = useQuery({
    queryKey: [...queryKey, debounced],
    queryFn: ({ signal }) => search(debounced, signal),
    enabled: searching,
    staleTime: 30_000,
  });
  const options = [...(value ? [value] : []), ...(results.data ?? []).filter((o) => o.value !== value?.value)];
  const nothing = !searching ? `Type at least ${minChars} character${minChars === 1 ? '' : 's'} to search` : results.isFetching ? 'Searching…' : 'Nothing found';
  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder ?? 'Type to search'}
      required={required}
      error={error}
      searchable
      clearable
      data={options}
      value={value?.value ?? null}
      searchValue={text}
      onSearchChange={setText}
      onChange={(id) => onChange(options.find((o) => o.value === id) ?? null)}
      filter={({ options: all }) => all}
      nothingFoundMessage={nothing}
      comboboxProps={{ withinPortal: true }}
      data-testid={rest['data-testid']}
    />
  );
}
