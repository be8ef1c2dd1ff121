// Field shapes the modules' schemas share, so every form says the same thing about the same mistake.
import { z } from 'zod';

/** Text that must not be blank, trimmed, at most `max` characters. */
export const text = (max: number, empty = 'must not be empty') =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, empty)
    .max(max, `must be at most ${max.toLocaleString('en-US')} characters`);

/** Optional text, trimmed: blank becomes null. */
export const optionalText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, `must be at most ${max.toLocaleString('en-US')} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullable();

/** The message of an enum that refused a value. */
export const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;
