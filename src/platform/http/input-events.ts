import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';

// Attempts to get past input validation as security events (ASVS 16.3.3, docs/security/logging.md):
// a NUL byte or an unpaired surrogate in a form field or the query, a query that is not UTF-8, a body over the limit, a body of
// an unaccepted type or that cannot be parsed, a URL with bad %-encoding. Each is answered as before
// (the field's message, 400, 413, 415) and logged once at warn as `input_rejected` with its reason
// and path — never the value.

export type InputRejection = 'nul_byte' | 'bad_unicode' | 'body_too_large' | 'unsupported_media_type' | 'malformed_body' | 'bad_url_encoding';

const FRAMEWORK_REASONS: Readonly<Record<string, InputRejection>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_body',
  FST_ERR_BAD_URL: 'bad_url_encoding',
};

/** The reason a framework error is an input rejection worth a security event; null for others. */
export const frameworkRejection = (error: Pick<FastifyError, 'code'> & { name?: string }): InputRejection | null =>
  FRAMEWORK_REASONS[error.code] ?? (error.name === 'SyntaxError' ? 'malformed_body' : null);

// eslint-disable-next-line no-control-regex -- the NUL byte is what this looks for
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;

/** Every string in a parsed form or query (values, array items, keys), depth-first. */
function* stringsOf(value: unknown, depth = 0): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsOf(item, depth + 1);
  else if (value && typeof value === 'object' && depth < 4) {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* stringsOf(item, depth + 1);
    }
  }
}

/** What a parsed body or query holds that no field accepts, or null. */
export function contentRejection(...parts: unknown[]): InputRejection | null {
  for (const text of parts.flatMap((part) => [...stringsOf(part)])) {
    if (NUL.test(text)) return 'nul_byte';
    if (LONE_SURROGATE.test(text)) return 'bad_unicode';
  }
  return null;
}

/** A query string that does not decode as UTF-8 (the parser keeps such a value undecoded, so the fields never see it). */
export function queryEncodingRejection(url: string): InputRejection | null {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  try {
    decodeURIComponent(query.replace(/\+/g, ' '));
    return null;
  } catch {
    return 'bad_url_encoding';
  }
}

/** Logs one rejection at warn, as a security event. */
export function logInputRejection(request: FastifyRequest, reason: InputRejection): void {
  request.log.warn({ event: 'input_rejected', reason, method: request.method, path: request.url.split('?')[0] }, 'input validation bypass attempt');
}

/** Hooks on the root app, so every site's requests are seen: parsed content before validation, framework errors before the site's error page. */
export function recordInputRejections(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const reason = queryEncodingRejection(request.url) ?? contentRejection(request.query, request.body);
    if (reason) logInputRejection(request, reason);
  });
  app.addHook('onError', async (request, _reply, error) => {
    const reason = frameworkRejection(error);
    if (reason) logInputRejection(request, reason);
  });
}
