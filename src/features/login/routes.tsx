import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/auth/audit.js';
import { customerActor } from '../../platform/auth/actor.js';
import type { AppDeps } from '../../platform/deps.js';
import { safeReturnPath } from '../../platform/http/require-login.js';
import { CLEAR_SITE_DATA } from '../../platform/http/cookies.js';
import { sentDeviceToken, setDeviceCookie } from '../../platform/http/device-cookie.js';
import { endSession, startSession } from '../../platform/http/session.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { maintenanceText } from './hours.js';
import { parseLoginForm } from './form.js';
import { attemptLogin, minutesLeft } from './service.js';
import { LoggedOutPage, LoginPage, LogoutConfirmPage } from './views.js';

const HOME = '/mypage';

type LoginPageInput = Omit<Parameters<typeof LoginPage>[0], 'ctx' | 'maintenanceText'>;

function sendLoginPage(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, input: LoginPageInput, status = 200) {
  const windows = maintenanceText(deps.config.maintenanceWindows, request.locale);
  return sendPage(reply, LoginPage({ ctx: pageContext(deps, request, reply), maintenanceText: windows, ...input }), status);
}

/**
 * A step the site runs before each login attempt, with the typed user ID: registration's
 * 再登録 holds whose time has passed take effect there, so only the new ID and password log in.
 */
export type BeforeLogin = (deps: AppDeps, userId: string, ip: string) => Promise<void>;

/** お客さまWebサービス ログイン (seed screen 2) and ログアウト. */
export const loginRoutes = (beforeLogin: BeforeLogin): FastifyPluginAsync<FeatureOptions> => async (app, { deps }) => {
  app.get('/login', async (request, reply) => {
    const next = safeReturnPath((request.query as Record<string, unknown>).next);
    if (request.session) return reply.redirect(next ?? HOME, 303);
    // A passkey login that failed comes back here (features/passkeys answers /login/passkey).
    const passkey = (request.query as Record<string, unknown>).passkey;
    const problem = passkey === 'failed' ? { kind: 'passkey_failed' as const } : passkey === 'locked' ? { kind: 'passkey_locked' as const } : undefined;
    return sendLoginPage(deps, request, reply, { next, ...(problem ? { problem } : {}) }, problem ? (passkey === 'locked' ? 429 : 401) : 200);
  });

  app.post('/login', async (request, reply) => {
    const parsed = parseLoginForm(request.body, request.locale);
    if (!parsed.ok) return sendLoginPage(deps, request, reply, { next: parsed.next, userId: parsed.typedUserId, errors: parsed.errors }, 400);
    await beforeLogin(deps, parsed.form.userId, request.ip);
    const deviceToken = sentDeviceToken(deps, request);
    const outcome = await attemptLogin(deps, { ...parsed.form, ip: request.ip, deviceToken, userAgent: request.headers['user-agent'] ?? '', locale: request.locale });
    if (outcome.kind === 'ok') {
      await startSession(deps, request, reply, outcome.customerId);
      setDeviceCookie(deps, reply, outcome.deviceToken);
      return reply.redirect(parsed.next ?? HOME, 303);
    }
    const problem =
      outcome.kind === 'locked' ? { kind: 'locked' as const, scope: outcome.scope, minutes: minutesLeft(outcome.until, deps.clock.now()) } : outcome;
    return sendLoginPage(deps, request, reply, { next: parsed.next, userId: parsed.form.userId, problem }, outcome.kind === 'locked' ? 429 : 401);
  });

  app.post('/logout', async (request, reply) => {
    const customerId = request.session?.customerId;
    await endSession(deps, request, reply);
    if (customerId) await recordAudit(deps.db, deps.clock.now(), { kind: 'logout', actor: customerActor(customerId), customerId, ip: request.ip });
    return reply.header('clear-site-data', CLEAR_SITE_DATA).redirect('/logout', 303);
  });

  app.get('/logout', async (request, reply) => {
    const ctx = pageContext(deps, request, reply);
    return sendPage(reply, request.session ? LogoutConfirmPage({ ctx }) : LoggedOutPage({ ctx }));
  });
};
