// The state of an edit form that sends the version it loaded: values, field errors from the schema
// or the server, submit, and — after someone else saved first (409) — reload of the latest version.
import { useRef, useState } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ZodType } from 'zod';
import { useAnnounce } from '../components/StatusAnnouncer';
import { problemFieldErrors, useFocusOnErrors, zodFieldErrors, type FieldErrors } from './forms';

export interface VersionedEditOptions<Values, Input, Saved extends { name: string }, Latest extends { version: number }> {
  initialValues: () => Values;
  initialVersion: number;
  schema: ZodType<Input>;
  toInput: (values: Values, version: number) => unknown;
  mutation: UseMutationResult<Saved, Error, Input>;
  fetchLatest: () => Promise<Latest>;
  valuesFrom: (latest: Latest) => Values;
  onSaved: () => void;
}

export function useVersionedEdit<Values, Input, Saved extends { name: string }, Latest extends { version: number }>(
  o: VersionedEditOptions<Values, Input, Saved, Latest>,
) {
  const [values, setValues] = useState<Values>(o.initialValues);
  const [version, setVersion] = useState(o.initialVersion);
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const announce = useAnnounce();
  useFocusOnErrors(formRef, errors);

  const submit = () => {
    const parsed = o.schema.safeParse(o.toInput(values, version));
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    o.mutation.mutate(parsed.data, {
      onSuccess: (saved) => {
        announce(`Saved ${saved.name}.`);
        o.onSaved();
      },
      onError: (e) => setErrors(problemFieldErrors(e)),
    });
  };

  const reload = async () => {
    const latest = await o.fetchLatest();
    setValues(o.valuesFrom(latest));
    setVersion(latest.version);
    setErrors({});
    o.mutation.reset();
  };

  return {
    values,
    change: (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch })),
    errors,
    formRef,
    submit,
    reload: () => void reload(),
  };
}
