// Field errors for forms: from a zod check in the browser or from the server's problem `errors`.
import { useEffect, type RefObject } from 'react';
import type { ZodError } from 'zod';
import { isProblem } from './problem';

export type FieldErrors = Partial<Record<string, string>>;

/** Server and schema messages read "must not be empty"; beside a label they start with a capital. */
const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    out[field] ??= sentence(issue.message);
  }
  return out;
}

export function problemFieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!isProblem(error)) return out;
  for (const issue of error.errors) out[issue.field] ??= sentence(issue.message);
  return out;
}

/**
 * After a refused submit, moves focus to the first field with an error, so keyboard and
 * screen-reader users land on it. Runs after the errors are on screen; each refusal sets a new
 * errors object, so the same errors twice still move focus.
 */
export function useFocusOnErrors(form: RefObject<HTMLFormElement | null>, errors: FieldErrors) {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, errors]);
}

/** '' → null, for optional text fields the API takes as nullable. */
export const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
