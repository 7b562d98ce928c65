import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmac, randomToken, safeEqual } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { cookieName, cookieOptions } from './cookies.js';

export const CSRF_FIELD = '_csrf';
const csrfCookie = (deps: AppDeps) => cookieName(deps.config, 'keizoku_csrf');

/**
 * The session a site's forms are bound to: a site with its own sessions (the console) decorates
 * `csrfSession` and keeps it current; elsewhere it is the customer session.
 */
function boundSessionId(request: FastifyRequest): string | null {
  if (request.csrfSession !== undefined) return request.csrfSession;
  return request.session ? request.session.idHash : null;
}

/**
 * What a token is valid for: this browser's secret and the login session it was rendered in
 * ('anon' before login). A token from an anonymous page, or from another session in the same
 * browser, is refused once a session is there (see docs/decisions/0003).
 */
function expectedToken(deps: AppDeps, request: FastifyRequest, browserSecret: string): string {
  const session = boundSessionId(request) ?? 'anon';
  return hmac(deps.secret, `csrf:${browserSecret}:${session}`);
}

/** The form token for this browser and session, setting the browser's secret cookie on first use. */
export function csrfToken(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): string {
  let secret = request.csrfSecret ?? request.cookies[csrfCookie(deps)];
  if (!secret || secret.length < 32) {
    secret = randomToken();
    reply.setCookie(csrfCookie(deps), secret, cookieOptions(deps.config));
  }
  request.csrfSecret = secret;
  return expectedToken(deps, request, secret);
}

function sameOrigin(deps: AppDeps, request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // Non-browser clients; the token still has to match.
  // Under Referrer-Policy no-referrer, browsers send `Origin: null` on form posts; Fetch Metadata
  // (Sec-Fetch-Site) then tells where the post came from, where the browser sends it.
  if (origin === 'null') {
    const site = request.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin';
  }
  const allowed = new Set([new URL(deps.config.baseUrl).origin, `${request.protocol}://${request.host}`]);
  return allowed.has(origin);
}

/** Whether a form POST carries the token of this browser and session, and comes from our own origin. */
export function csrfValid(deps: AppDeps, request: FastifyRequest): boolean {
  const secret = request.cookies[csrfCookie(deps)];
  const body = request.body as Record<string, unknown> | undefined;
  const sent = typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : '';
  if (!secret || !sent || !sameOrigin(deps, request)) return false;
  return safeEqual(sent, expectedToken(deps, request, secret));
}
