// The typed client of the Trellis API: JSON in and out, the session's CSRF token on every write,
// and problem+json answers turned into ProblemError.
import { ProblemError, type FieldIssue } from './problem';

let csrfToken: string | null = null;

/** Remembers the CSRF token from the latest sign-in or session read; writes send it back. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

/** Builds `/api/x?a=1` from a path and parameters, leaving out empty ones. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ProblemError(0, 'No connection', 'Could not reach the Trellis server. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw toProblem(response, body);
  return body as T;
}

function toProblem(response: Response, body: unknown): ProblemError {
  const p = (body && typeof body === 'object' ? body : {}) as { title?: unknown; detail?: unknown; errors?: unknown };
  const errors = Array.isArray(p.errors)
    ? p.errors.filter((e): e is FieldIssue => !!e && typeof e === 'object' && typeof e.field === 'string' && typeof e.message === 'string')
    : [];
  const title = typeof p.title === 'string' ? p.title : response.statusText || 'Error';
  const detail = typeof p.detail === 'string' ? p.detail : `The server answered ${response.status} ${response.statusText}.`;
  return new ProblemError(response.status, title, detail, errors);
}
