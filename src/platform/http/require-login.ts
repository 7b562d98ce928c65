import type { FastifyReply, FastifyRequest } from 'fastify';

/** Only same-site paths may be a return target after login (no open redirect). */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return /^[\x21-\x7e]*$/.test(value) && value.length <= 500 ? value : null;
}

/** preHandler for personal pages: without a session, to the login page and back here afterwards. */
export async function requireLogin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) return;
  const next = request.method === 'GET' ? safeReturnPath(request.url) : null;
  await reply.redirect(next ? `/login?next=${encodeURIComponent(next)}` : '/login', 303);
}
