// Every error leaves the server as RFC 9457 problem+json, mapped here and only here.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDomainError, type DomainErrorKind, type FieldIssue } from '@trellis/core';

const STATUS: Record<DomainErrorKind, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429 };
const TITLES: Record<number, string> = {
  400: 'The request is not valid',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  413: 'Request too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Something went wrong on our side',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldIssue[];
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, status: number, detail: string, errors?: FieldIssue[]) {
  const body: Problem = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, instance: request.url };
  if (errors && errors.length > 0) body.errors = errors;
  return reply.code(status).type('application/problem+json').send(body);
}

/** Reads a value at a dotted path of the part of the request that failed validation. */
function valueAt(request: FastifyRequest, context: string | undefined, path: string): unknown {
  const root = context === 'querystring' ? request.query : context === 'params' ? request.params : context === 'headers' ? request.headers : request.body;
  return path.split('/').filter(Boolean).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), root);
}

/** The first string (or key) holding a NUL character, as a dotted path; PostgreSQL stores no NUL in text. */
function nulAt(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (value === null || typeof value !== 'object' || depth > 32 || Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return [...path, k.replaceAll('\u0000', '')].join('.');
    const found = nulAt(v, [...path, k], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export function registerProblems(app: FastifyInstance) {
  // A NUL character (\u0000) in any text of the query, address or JSON body is refused by name: the
  // database cannot store it, and it reached queries as a 500.
  app.addHook('preValidation', async (request, reply) => {
    for (const [where, root] of [['query', request.query], ['address', request.params], ['body', request.body]] as const) {
      const field = nulAt(root);
      if (field !== null) return sendProblem(reply, request, 400, `The ${where} has a problem: ${field || where} must not contain a NUL character (\\u0000).`, [{ field: field || where, message: 'must not contain a NUL character (\\u0000)' }]);
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
      return sendProblem(reply, request, STATUS[error.kind], error.message, error.issues);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      const issues: FieldIssue[] = error.validation.flatMap((v) => {
        const field = v.instancePath.split('/').filter(Boolean).join('.');
        if (v.keyword === 'unrecognized_keys') {
          const keys = (v.params as { keys?: string[] }).keys ?? [];
          return keys.map((k) => ({ field: field ? `${field}.${k}` : k, message: 'is not a field this accepts' }));
        }
        // A field that is absent but must be there: zod reports it by the rule it breaks (an enum's
        // invalid_value, a string's invalid_type), which would tell the client a rule about a value it never sent.
        // A custom rule (e.g. "required when blocked") keeps its own words.
        if (field && v.keyword !== 'custom' && valueAt(request, context, v.instancePath) === undefined) return [{ field, message: 'is required' }];
        return [{ field: field || (context ?? 'body'), message: v.message ?? 'is not valid' }];
      });
      const where = context === 'querystring' ? 'query' : context === 'params' ? 'address' : 'body';
      return sendProblem(reply, request, 400, `The ${where} has ${issues.length === 1 ? 'a problem' : `${issues.length} problems`}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}.`, issues);
    }
    const status = error.statusCode ?? 500;
    if (status === 400 && error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return sendProblem(reply, request, 400, 'The body is not valid JSON.');
    if (status === 400 && error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendProblem(reply, request, 400, 'The body is empty; send a JSON object.');
    if (status === 413) return sendProblem(reply, request, 413, 'The body is larger than this server accepts.');
    if (status === 415) return sendProblem(reply, request, 415, 'Send the body as application/json.');
    if (status >= 400 && status < 500) return sendProblem(reply, request, status, error.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 500, 'The server could not complete this request. It has been logged; please try again.');
  });
}
