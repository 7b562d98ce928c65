import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps, FeatureOptions } from '../../platform/deps.js';
import { sentDeviceToken, setDeviceCookie } from '../../platform/http/device-cookie.js';
import { requireLogin } from '../../platform/http/require-login.js';
import { endSession, startSession } from '../../platform/http/session.js';
import { REAUTH_PATH } from '../../platform/http/step-up.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import { WEBAUTHN_OPTIONS_PATH } from '../../platform/ui/webauthn.js';
import { parseAssertion, passwordOf, purposeOf, returnPathOf } from './forms.js';
import { passkeyLogin, passkeyReauth, passwordReauth, type ReauthOutcome } from './login.js';
import { loginMethods, ceremonyOptions } from './service.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { passkeyMessages } from './messages.js';
import { ReauthPage } from './views.js';

const HOME = '/mypage';

/** Back to the login page with the outcome in words the page knows; the return path kept. */
function toLoginPage(reply: FastifyReply, problem: 'failed' | 'locked', next: string | null) {
  const query = new URLSearchParams({ passkey: problem, ...(next ? { next } : {}) });
  return reply.redirect(`/login?${query.toString()}`, 303);
}

function registerSignIn(app: FastifyInstance, deps: AppDeps): void {
  // JSON for the script: the options of a ceremony, its challenge stored server-side.
  app.post(WEBAUTHN_OPTIONS_PATH, async (request, reply) => {
    const purpose = purposeOf(request.body);
    const options = purpose ? await ceremonyOptions(deps, purpose, request.session) : null;
    if (!options) return reply.status(403).header('cache-control', 'no-store').send({ error: 'not_allowed' });
    return reply.header('cache-control', 'no-store').send(options);
  });

  app.post('/login/passkey', async (request, reply) => {
    const next = returnPathOf(request.body);
    const response = parseAssertion(request.body);
    if (!response) return toLoginPage(reply, 'failed', next);
    const outcome = await passkeyLogin(deps, { response, ip: request.ip, userAgent: request.headers['user-agent'] ?? '', deviceToken: sentDeviceToken(deps, request), locale: request.locale });
    if (outcome.kind !== 'ok') return toLoginPage(reply, outcome.kind, next);
    setDeviceCookie(deps, reply, outcome.deviceToken);
    await startSession(deps, request, reply, outcome.customerId);
    return reply.redirect(next ?? HOME, 303);
  });
}

function reauthMessage(outcome: Exclude<ReauthOutcome, 'ok' | 'closed'>, locale: Locale): string {
  const m = passkeyMessages.of(locale);
  return outcome === 'wrong' ? m.reauthWrong : outcome === 'throttled' ? m.reauthThrottled : m.reauthStopped;
}

function registerReauth(app: FastifyInstance, deps: AppDeps): void {
  const page = async (request: FastifyRequest, reply: FastifyReply, next: string | null, status: number, outcome?: Exclude<ReauthOutcome, 'ok' | 'closed'>, field?: boolean) => {
    const methods = request.session ? await loginMethods(deps, request.session.customerId) : null;
    if (!methods) {
      await endSession(deps, request, reply);
      return reply.redirect('/login', 303);
    }
    const message = outcome && !field ? reauthMessage(outcome, request.locale) : undefined;
    const error = outcome && field ? passkeyMessages.of(request.locale).wrongPassword : undefined;
    return sendPage(
      reply,
      <ReauthPage ctx={pageContext(deps, request, reply)} next={next} hasPasskey={methods.passkeys.length > 0} passwordStopped={methods.passwordLoginStopped} message={message} error={error} />,
      status,
    );
  };
  const answer = async (request: FastifyRequest, reply: FastifyReply, next: string | null, outcome: ReauthOutcome, byPassword: boolean) => {
    if (outcome === 'ok') return reply.redirect(next ?? HOME, 303);
    if (outcome === 'closed') return page(request, reply, next, 403);
    return page(request, reply, next, outcome === 'throttled' ? 429 : 400, outcome, byPassword && outcome === 'wrong');
  };
  const who = (request: FastifyRequest) => ({ customerId: request.session!.customerId, sessionHash: request.session!.idHash, ip: request.ip });

  app.get(REAUTH_PATH, { preHandler: requireLogin }, async (request, reply) => page(request, reply, returnPathOf(request.query), 200));

  app.post(REAUTH_PATH, { preHandler: requireLogin }, async (request, reply) => {
    const next = returnPathOf(request.body);
    return answer(request, reply, next, await passwordReauth(deps, { ...who(request), password: passwordOf(request.body) }), true);
  });

  app.post(`${REAUTH_PATH}/passkey`, { preHandler: requireLogin }, async (request, reply) => {
    const next = returnPathOf(request.body);
    const response = parseAssertion(request.body);
    const outcome = response ? await passkeyReauth(deps, { ...who(request), response }) : 'wrong';
    return answer(request, reply, next, outcome, false);
  });
}

/** パスキーでログイン, the ceremonies' options (JSON for the script), and the step-up's ご本人確認. */
export const passkeySignInRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  registerSignIn(app, deps);
  registerReauth(app, deps);
};
