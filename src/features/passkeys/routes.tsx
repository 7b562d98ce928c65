import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Bowser from 'bowser';
import type { AppDeps, FeatureOptions } from '../../platform/deps.js';
import type { CurrentSession } from '../../platform/http/context.js';
import { requireLogin } from '../../platform/http/require-login.js';
import { endSession } from '../../platform/http/session.js';
import { requireRecentAuth } from '../../platform/http/step-up.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import { NAME_MAX_LENGTH, parseAttestation, parseName, passwordLoginChoice } from './forms.js';
import { loginMethods, registerPasskey, removePasskey, setPasswordLogin } from './service.js';
import { passkeyOf } from './repository.js';
import { passkeyMessages } from './messages.js';
import { DeletePage, LOGIN_METHODS_PATH, LoginMethodsPage, PASSWORD_LOGIN_PATH, REGISTER_PATH, RegisterPage, type MethodsNotice } from './views.js';

function sessionOf(request: FastifyRequest): CurrentSession {
  if (!request.session) throw new Error('requireLogin did not run');
  return request.session;
}

async function toLogin(deps: AppDeps, request: FastifyRequest, reply: FastifyReply) {
  await endSession(deps, request, reply);
  return reply.redirect('/login', 303);
}

const NOTICE_VALUES: readonly MethodsNotice[] = ['registered', 'removed', 'stopped', 'resumed'];
const noticeOf = (request: FastifyRequest): MethodsNotice | undefined => {
  const done = (request.query as Record<string, unknown>).done;
  return NOTICE_VALUES.find((n) => n === done);
};

/** A name to start from: the browser and OS in words (e.g. Chrome（Android）, in English Chrome (Android)). */
function suggestedName(request: FastifyRequest): string {
  const parsed = Bowser.parse(request.headers['user-agent'] ?? '');
  const browser = parsed.browser.name ?? '';
  const os = parsed.os.name ?? '';
  const both = request.locale === 'ja' ? `${browser}（${os}）` : `${browser} (${os})`;
  return (browser && os ? both : browser || os).slice(0, NAME_MAX_LENGTH);
}

function registerRegistration(app: FastifyInstance, deps: AppDeps): void {
  const stepUp = { preHandler: requireRecentAuth(deps) };
  const page = (request: FastifyRequest, reply: FastifyReply, name: string, status: number, error?: string, message?: string) =>
    sendPage(reply, <RegisterPage ctx={pageContext(deps, request, reply)} name={name} error={error} message={message} />, status);

  app.get(REGISTER_PATH, stepUp, async (request, reply) => page(request, reply, suggestedName(request), 200));

  app.post(REGISTER_PATH, stepUp, async (request, reply) => {
    const m = passkeyMessages.of(request.locale);
    const name = parseName(request.body, request.locale);
    if (!name.ok) return page(request, reply, name.typed, 400, name.error);
    const response = parseAttestation(request.body);
    if (!response) return page(request, reply, name.name, 400, undefined, m.registerFailed);
    const outcome = await registerPasskey(deps, { session: sessionOf(request), name: name.name, response, ip: request.ip });
    if (outcome.kind === 'registered') return reply.redirect(`${LOGIN_METHODS_PATH}?done=registered`, 303);
    const message = outcome.kind === 'too_many' ? m.tooMany : outcome.kind === 'duplicate' ? m.duplicate : m.registerFailed;
    return page(request, reply, name.name, outcome.kind === 'invalid' ? 400 : 409, undefined, message);
  });
}

function registerRemoval(app: FastifyInstance, deps: AppDeps): void {
  const stepUp = { preHandler: requireRecentAuth(deps) };
  const path = `${LOGIN_METHODS_PATH}/:passkeyId/delete`;
  const idOf = (request: FastifyRequest) => String((request.params as { passkeyId: string }).passkeyId).slice(0, 64);

  app.get(path, stepUp, async (request, reply) => {
    const passkey = await passkeyOf(deps.db, sessionOf(request).customerId, idOf(request));
    if (!passkey) return reply.redirect(LOGIN_METHODS_PATH, 303);
    return sendPage(reply, <DeletePage ctx={pageContext(deps, request, reply)} passkey={passkey} />);
  });

  app.post(path, stepUp, async (request, reply) => {
    const customerId = sessionOf(request).customerId;
    const outcome = await removePasskey(deps, { customerId, passkeyId: idOf(request), ip: request.ip });
    if (outcome === 'removed') return reply.redirect(`${LOGIN_METHODS_PATH}?done=removed`, 303);
    if (outcome === 'not_found') return reply.redirect(LOGIN_METHODS_PATH, 303);
    const passkey = await passkeyOf(deps.db, customerId, idOf(request));
    if (!passkey) return reply.redirect(LOGIN_METHODS_PATH, 303);
    const message = passkeyMessages.of(request.locale).lastPasskey;
    return sendPage(reply, <DeletePage ctx={pageContext(deps, request, reply)} passkey={passkey} message={message} />, 409);
  });
}

function registerPasswordLogin(app: FastifyInstance, deps: AppDeps): void {
  app.post(PASSWORD_LOGIN_PATH, { preHandler: requireRecentAuth(deps) }, async (request, reply) => {
    const customerId = sessionOf(request).customerId;
    const choice = passwordLoginChoice(request.body);
    const methods = await loginMethods(deps, customerId);
    if (!methods) return toLogin(deps, request, reply);
    const m = passkeyMessages.of(request.locale);
    if (!choice) return sendPage(reply, <LoginMethodsPage ctx={pageContext(deps, request, reply)} methods={methods} message={m.chooseAction} />, 400);
    const outcome = await setPasswordLogin(deps, { customerId, stop: choice === 'stop', ip: request.ip });
    if (outcome === 'changed') return reply.redirect(`${LOGIN_METHODS_PATH}?done=${choice === 'stop' ? 'stopped' : 'resumed'}`, 303);
    return sendPage(reply, <LoginMethodsPage ctx={pageContext(deps, request, reply)} methods={methods} message={m.stopNeedsPasskey} />, 409);
  });
}

/** 各種変更の手続き → ログイン方法: passkeys (登録, 一覧, 削除) and 「パスワードでのログインを停止する」. */
export const loginMethodRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  app.addHook('preHandler', requireLogin);
  app.get(LOGIN_METHODS_PATH, async (request, reply) => {
    const methods = await loginMethods(deps, sessionOf(request).customerId);
    if (!methods) return toLogin(deps, request, reply);
    return sendPage(reply, <LoginMethodsPage ctx={pageContext(deps, request, reply)} methods={methods} notice={noticeOf(request)} />);
  });
  registerRegistration(app, deps);
  registerRemoval(app, deps);
  registerPasswordLogin(app, deps);
};
