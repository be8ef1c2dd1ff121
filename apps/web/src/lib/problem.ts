// The error every API call throws: the server's RFC 9457 problem document, or one we make up when
// the server could not be reached, so screens handle a single shape.

export interface FieldIssue {
  field: string;
  message: string;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldIssue[];

  constructor(status: number, title: string, detail: string, errors: FieldIssue[] = []) {
    super(detail || title);
    this.name = 'ProblemError';
    this.status = status;
    this.title = title;
    this.detail = detail || title;
    this.errors = errors;
  }
}

export function isProblem(error: unknown, status?: number): error is ProblemError {
  return error instanceof ProblemError && (status === undefined || error.status === status);
}

/** A stale write: the server refused because someone else changed the record first. */
export const isStaleVersion = (error: unknown) => isProblem(error, 409) && error.errors.some((e) => e.field === 'version');

/** Words for any failure, for an alert. */
export function describeError(error: unknown): string {
  if (error instanceof ProblemError) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
