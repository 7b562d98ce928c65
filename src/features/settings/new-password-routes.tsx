import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps, FeatureOptions } from '../../platform/deps.js';
import { requireLogin } from '../../platform/http/require-login.js';
import { startSession } from '../../platform/http/session.js';
import type { FieldErrors } from '../../platform/ui/form.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import { temporaryPasswordOf } from '../policies/account/temporary-password.js';
import { parseNewPasswordForm } from './forms.js';
import { passwordRuleText } from '../../platform/auth/password-rule.js';
import { customerId, toLogin } from './http.js';
import { settingsMessages } from './messages.js';
import { NEW_PASSWORD_PATH, NewPasswordCompletePage, NewPasswordPage } from './new-password-views.js';
import { openAccount, replaceTemporaryPassword } from './service.js';

// After a login with the desk's 仮パスワード the customer sets a new password before anything else.

const OPEN_PATHS = new Set([NEW_PASSWORD_PATH, '/logout']);

/**
 * onRequest for the whole customer site (after the session is loaded): while the session's
 * account has a 仮パスワード, every page but this one and ログアウト goes to 新しいパスワードの設定.
 */
export const requireNewPassword = (deps: AppDeps) => async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
  if (!request.session || OPEN_PATHS.has(request.url.split('?')[0] ?? '')) return;
  if (await temporaryPasswordOf(deps.db, request.session.customerId)) await reply.redirect(NEW_PASSWORD_PATH, 303);
};

export const newPasswordRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const policy = deps.config.passwordPolicy;
  const formPage = (request: FastifyRequest, reply: FastifyReply, status: number, errors?: FieldErrors) =>
    sendPage(reply, <NewPasswordPage ctx={pageContext(deps, request, reply)} ruleText={passwordRuleText(policy, request.locale)} errors={errors} />, status);
  app.addHook('preHandler', requireLogin);

  app.get(NEW_PASSWORD_PATH, async (request, reply) => {
    if (!(await temporaryPasswordOf(deps.db, customerId(request)))) return reply.redirect('/mypage', 303);
    return formPage(request, reply, 200);
  });

  app.post(NEW_PASSWORD_PATH, async (request, reply) => {
    const id = customerId(request);
    const account = await openAccount(deps, id);
    if (!account) return toLogin(deps, request, reply);
    const parsed = parseNewPasswordForm(request.body, account.userId, policy, request.locale);
    if (!parsed.ok) return formPage(request, reply, 400, parsed.errors);
    const outcome = await replaceTemporaryPassword(deps, { customerId: id, newPassword: parsed.value.newPassword, ip: request.ip, locale: request.locale });
    switch (outcome) {
      case 'changed':
        await startSession(deps, request, reply, id);
        return reply.redirect(`${NEW_PASSWORD_PATH}/complete`, 303);
      case 'same_as_temporary':
        return formPage(request, reply, 400, { password: settingsMessages.of(request.locale).sameAsTemporary });
      case 'not_temporary':
        return reply.redirect('/mypage', 303);
      default:
        return toLogin(deps, request, reply);
    }
  });

  app.get(`${NEW_PASSWORD_PATH}/complete`, async (request, reply) => sendPage(reply, <NewPasswordCompletePage ctx={pageContext(deps, request, reply)} />));
};
