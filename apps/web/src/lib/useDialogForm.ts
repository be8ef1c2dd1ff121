// What the dialog forms of the mechanisms and resource features share: field errors (from the schema in the browser
// or from the server), focus on the first refused field, sending with a message announced on
// success, and a fresh start after reloading a record someone else changed (409).
import { useRef, useState } from 'react';
import type { ZodType } from 'zod';
import { useAnnounce } from '../components/StatusAnnouncer';
import { problemFieldErrors, useFocusOnErrors, zodFieldErrors, type FieldErrors } from './forms';

export function useDialogForm(onDone: () => void) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const announce = useAnnounce();
  useFocusOnErrors(formRef, errors);

  /**
   * Checks `raw` against `schema` and sends it (usually a mutation's `mutateAsync`); on success
   * announces `message(saved)` and closes. The mutation keeps the server's refusal for the alert.
   */
  function send<Input, Saved>(schema: ZodType<Input>, raw: unknown, run: (input: Input) => Promise<Saved>, message: (saved: Saved) => string) {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    run(parsed.data).then(
      (saved) => {
        announce(message(saved));
        onDone();
      },
      (e: unknown) => setErrors(problemFieldErrors(e)),
    );
  }

  return {
    errors,
    formRef,
    send,
    /** Refuses the form with these errors before anything is sent. */
    refuse: (e: FieldErrors) => setErrors(e),
    /** The handler of "Reload the latest version": loads it, lets the form take it, clears the refusal. */
    reloader:
      <T>(mutation: { reset: () => void }, latest: () => Promise<T | undefined>, take: (fresh: T) => void) =>
      () =>
        void latest().then((fresh) => {
          if (fresh !== undefined) take(fresh);
          setErrors({});
          mutation.reset();
        }),
  };
}
