import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { startSession } from '../../platform/http/session.js';
import { requireRecentAuth } from '../../platform/http/step-up.js';
import type { FieldErrors } from '../../platform/ui/form.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import { typedValues } from '../../platform/ui/form-parse.js';
import { formatDuration } from '../../platform/mail/layout.js';
import type { LinkProblem } from '../../platform/flow/pages.js';
import { InvalidLinkPage } from '../../platform/flow/pages.js';
import { EMAIL_CHANGE_PATH, emailChangeRestart } from './email-change.js';
import { confirmEmailChange, openEmailChange, pendingEmailChange, requestEmailChange } from './email-service.js';
import { EMAIL_FIELDS, parseEmailChangeForm } from './forms.js';
import { customerId, toLogin } from './http.js';
import { settingsMessages } from './messages.js';
import { openAccount } from './service.js';
import { CHANGES_TAB, EmailChangeCompletePage, EmailChangeConfirmPage, EmailChangePage, EmailChangeSentPage } from './views.js';

/** メールアドレス（ユーザーID）の変更: the request, the mail link's page, completion (email-change-flow.md). */
export function registerEmailChange(app: FastifyInstance, deps: AppDeps): void {

  const invalidLink = (request: FastifyRequest, reply: FastifyReply, problem: LinkProblem) =>
    sendPage(reply, <InvalidLinkPage ctx={pageContext(deps, request, reply)} problem={problem} restart={emailChangeRestart(request.locale)} ttlMs={deps.config.verificationTtlMs} />, 410);

  const formPage = (request: FastifyRequest, reply: FastifyReply, currentEmail: string, values: Record<string, string>, status: number, errors?: FieldErrors, message?: string) =>
    sendPage(reply, <EmailChangePage ctx={pageContext(deps, request, reply)} currentEmail={currentEmail} values={values} errors={errors} message={message} />, status);

  // Step-up: a change of the user ID needs a login or re-entry within 10 minutes (decision 0022).
  const stepUp = { preHandler: requireRecentAuth(deps) };

  app.get(EMAIL_CHANGE_PATH, stepUp, async (request, reply) => {
    const account = await openAccount(deps, customerId(request));
    if (!account) return toLogin(deps, request, reply);
    return formPage(request, reply, account.userId, {}, 200);
  });

  app.post(EMAIL_CHANGE_PATH, stepUp, async (request, reply) => {
    const account = await openAccount(deps, customerId(request));
    if (!account) return toLogin(deps, request, reply);
    const typed = typedValues(request.body, EMAIL_FIELDS);
    const parsed = parseEmailChangeForm(request.body, account.userId, request.locale);
    if (!parsed.ok) return formPage(request, reply, account.userId, typed, 400, parsed.errors);
    const outcome = await requestEmailChange(deps, { customerId: account.id, newEmail: parsed.value.newEmail, password: parsed.value.currentPassword, ip: request.ip, locale: request.locale });
    switch (outcome) {
      case 'sent':
        return reply.redirect(`${EMAIL_CHANGE_PATH}/sent`, 303);
      case 'wrong_password':
        return formPage(request, reply, account.userId, typed, 400, { current_password: settingsMessages.of(request.locale).wrongCurrentPassword });
      case 'throttled':
        return formPage(request, reply, account.userId, typed, 429, undefined, settingsMessages.of(request.locale).passwordThrottled);
      case 'mail_throttled':
        return formPage(request, reply, account.userId, typed, 429, undefined, settingsMessages.of(request.locale).mailThrottled);
      default:
        return toLogin(deps, request, reply);
    }
  });

  app.get(`${EMAIL_CHANGE_PATH}/sent`, async (request, reply) => {
    const pending = await pendingEmailChange(deps, customerId(request));
    if (!pending) return reply.redirect(CHANGES_TAB, 303);
    return sendPage(reply, <EmailChangeSentPage ctx={pageContext(deps, request, reply)} newEmail={pending.data.newEmail} ttlText={formatDuration(deps.config.verificationTtlMs, request.locale)} />);
  });

  // GET only looks: a link scanner opening the URL changes nothing.
  app.get(`${EMAIL_CHANGE_PATH}/confirm`, async (request, reply) => {
    const { token } = typedValues(request.query, ['token']);
    const link = await openEmailChange(deps, customerId(request), token);
    if ('problem' in link) return invalidLink(request, reply, link.problem);
    const ctx = pageContext(deps, request, reply);
    return sendPage(reply, <EmailChangeConfirmPage ctx={ctx} token={token} currentEmail={link.currentEmail} newEmail={link.flow.data.newEmail} taken={link.taken} />, link.taken ? 409 : 200);
  });

  app.post(`${EMAIL_CHANGE_PATH}/confirm`, async (request, reply) => {
    const { token } = typedValues(request.body, ['token']);
    const id = customerId(request);
    const result = await confirmEmailChange(deps, { customerId: id, token, ip: request.ip, locale: request.locale });
    if ('problem' in result) return invalidLink(request, reply, result.problem);
    if (result.outcome === 'taken') {
      const account = await openAccount(deps, id);
      const ctx = pageContext(deps, request, reply);
      return sendPage(reply, <EmailChangeConfirmPage ctx={ctx} token="" currentEmail={account?.userId ?? ''} newEmail={result.newEmail} taken />, 409);
    }
    // Every session of the customer ended with the change; this browser gets a fresh one.
    await startSession(deps, request, reply, id);
    return reply.redirect(`${EMAIL_CHANGE_PATH}/complete`, 303);
  });

  app.get(`${EMAIL_CHANGE_PATH}/complete`, async (request, reply) => {
    const account = await openAccount(deps, customerId(request));
    if (!account) return toLogin(deps, request, reply);
    return sendPage(reply, <EmailChangeCompletePage ctx={pageContext(deps, request, reply)} userId={account.userId} />);
  });
}
