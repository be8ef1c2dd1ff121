// The few kinds of failure a domain rule can report. The server maps each kind to an HTTP status
// and an RFC 9457 problem document once, in one place (apps/server/src/plugins/app/problems.ts).

export type DomainErrorKind =
  | 'invalid' // the request is well-formed but breaks a rule (400)
  | 'unauthenticated' // nobody is signed in, or the credentials are wrong (401)
  | 'forbidden' // signed in, but the caller's grants do not allow this (403)
  | 'not_found' // no such thing, or the caller may not see it (404)
  | 'conflict' // the write would contradict the current state: stale version, duplicate id, cycle (409)
  | 'rate_limited'; // too many attempts (429)

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `parentId` or `grades.low`. */
  field: string;
  /** What rule it broke, in words a person can act on. */
  message: string;
}

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly issues: FieldIssue[];
  /** Seconds after which a rate-limited caller may try again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: DomainErrorKind, message: string, options: { issues?: FieldIssue[]; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const invalid = (message: string, issues: FieldIssue[] = []) => new DomainError('invalid', message, { issues });
export const notFound = (what: string) => new DomainError('not_found', `${what} was not found.`);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const conflict = (message: string, issues: FieldIssue[] = []) => new DomainError('conflict', message, { issues });
export const unauthenticated = (message = 'Sign in to continue.') => new DomainError('unauthenticated', message);
export const staleVersion = (what: string) =>
  conflict(`${what} was changed by someone else since you loaded it. Reload to see the current version, then make your change again.`, [
    { field: 'version', message: 'is not the current version' },
  ]);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
