import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerOptions } from 'pino';

// What the JSON log may carry (docs/operations.md, "Logs"): no mail addresses, names, passwords,
// tokens or query strings. Request lines are built field by field; everything else is scrubbed.

/** An id a proxy or client sent that we keep: letters, digits and `-_.:`, 8–64 long (UUIDs, trace ids). */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;
const ADDRESS = /[^\s<>()"',;:@]+@[^\s<>()"',;:@]+/g;

/** The incoming `X-Request-Id` when it is well-formed, else a new UUID. */
export function requestId(request: IncomingMessage): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** A URL without its query string: mail links carry one-time tokens there. */
export const pathOf = (url: string): string => url.split('?')[0] ?? '';

/** Mail addresses (in SMTP replies, database messages …) become `[address]`. */
export const withoutAddresses = (text: string): string => text.replace(ADDRESS, '[address]');

interface RequestLike {
  method: string;
  url: string;
  ip?: string;
  routeOptions?: { url?: string | undefined };
}

/** An error as logged: its kind, code, message and stack, scrubbed; never its other fields (a database error's `detail` holds row values). */
function errorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: withoutAddresses(String(error)) };
  const code = (error as { code?: unknown }).code;
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  return {
    type: error.name,
    message: withoutAddresses(error.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    ...(error.stack ? { stack: withoutAddresses(error.stack) } : {}),
  };
}

/** Top-level strings of a line's details: a `url` loses its query string, and no string keeps an address. */
function scrubDetails(details: Record<string, unknown>): Record<string, unknown> {
  const scrubbed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value !== 'string') scrubbed[key] = value;
    else scrubbed[key] = withoutAddresses(key === 'url' ? pathOf(value) : value);
  }
  return scrubbed;
}

/** pino options for `serve` and `keizoku worker`: the same fields on both. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: {
      req: (request: RequestLike) => ({
        method: request.method,
        url: pathOf(request.url),
        ...(request.routeOptions?.url ? { route: request.routeOptions.url } : {}),
        ...(request.ip ? { remoteAddress: request.ip } : {}),
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: errorForLog,
    },
    formatters: { log: scrubDetails },
  };
}
