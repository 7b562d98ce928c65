import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { requireLogin } from '../../platform/http/require-login.js';
import { endSession, startSession } from '../../platform/http/session.js';
import { requireRecentAuth } from '../../platform/http/step-up.js';
import type { FieldErrors } from '../../platform/ui/form.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import { typedValues } from '../../platform/ui/form-parse.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { loadMyPage } from '../policies/customer-policies.js';
import { registerEmailChange } from './email-routes.js';
import { ADDRESS_FIELDS, parseAddressForm, parsePasswordChangeForm, parseReminderForm, parseStopForm } from './forms.js';
import { passwordRuleText } from '../../platform/auth/password-rule.js';
import { customerId, toLogin } from './http.js';
import { settingsMessages } from './messages.js';
import { addressFormData, changePassword, changeReminderSetting, changesSummary, openAccount, pendingAddressChanges, reminderSetting, requestAddressChange, stopService } from './service.js';
import { ADDRESS_PATH, AddressChangeCompletePage, AddressChangePage, ChangesTab, CHANGES_TAB, OtherTab, PASSWORD_PATH, PasswordChangeCompletePage, PasswordChangePage, ReminderSettingCompletePage, ReminderSettingPage, REMINDERS_PATH, STOP_PATH, StopServiceCompletePage, StopServicePage, type AddressValues } from './views.js';

/** 各種変更の手続き and その他の手続 tabs of home. */
function registerTabs(app: FastifyInstance, deps: AppDeps): void {
  app.get(CHANGES_TAB, async (request, reply) => {
    const id = customerId(request);
    const [data, summary] = await Promise.all([loadMyPage(deps, id, deps.clock.now()), changesSummary(deps, id)]);
    if (!data || !summary) return toLogin(deps, request, reply);
    return sendPage(reply, <ChangesTab ctx={pageContext(deps, request, reply)} data={data} summary={summary} />);
  });

  app.get('/mypage/other', async (request, reply) => {
    const data = await loadMyPage(deps, customerId(request), deps.clock.now());
    if (!data) return toLogin(deps, request, reply);
    return sendPage(reply, <OtherTab ctx={pageContext(deps, request, reply)} data={data} />);
  });
}

/** 住所・電話番号の変更: recorded for the insurer, shown as pending. */
function registerAddressChange(app: FastifyInstance, deps: AppDeps): void {
  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: AddressValues | null, status: number, errors?: FieldErrors) => {
    const { onFile, policyNumbers } = await addressFormData(deps, customerId(request));
    const start: AddressValues = values ?? { postal_code: onFile?.postalCode ?? '', address: onFile?.address ?? '', phone: onFile?.phone ?? '' };
    return sendPage(reply, <AddressChangePage ctx={pageContext(deps, request, reply)} values={start} onFile={onFile} policyNumbers={policyNumbers} errors={errors} />, status);
  };

  app.get(ADDRESS_PATH, async (request, reply) => formPage(request, reply, null, 200));

  app.post(ADDRESS_PATH, async (request, reply) => {
    const typed = typedValues(request.body, ADDRESS_FIELDS);
    const parsed = parseAddressForm(request.body, request.locale);
    if (!parsed.ok) return formPage(request, reply, typed, 400, parsed.errors);
    const outcome = await requestAddressChange(deps, { customerId: customerId(request), change: parsed.value, ip: request.ip, locale: request.locale });
    if (outcome === 'closed') return toLogin(deps, request, reply);
    return reply.redirect(`${ADDRESS_PATH}/complete`, 303);
  });

  app.get(`${ADDRESS_PATH}/complete`, async (request, reply) => {
    const [latest] = await pendingAddressChanges(deps, customerId(request));
    if (!latest) return reply.redirect(CHANGES_TAB, 303);
    return sendPage(reply, <AddressChangeCompletePage ctx={pageContext(deps, request, reply)} request={latest} />);
  });
}

/** 満期案内メール: 受け取る / 受け取らない. */
function registerReminderSetting(app: FastifyInstance, deps: AppDeps): void {
  app.get(REMINDERS_PATH, async (request, reply) => {
    const setting = await reminderSetting(deps, customerId(request));
    if (!setting) return toLogin(deps, request, reply);
    return sendPage(reply, <ReminderSettingPage ctx={pageContext(deps, request, reply)} optOut={setting.optOut} />);
  });

  app.post(REMINDERS_PATH, async (request, reply) => {
    const id = customerId(request);
    const parsed = parseReminderForm(request.body, request.locale);
    if (!parsed.ok) {
      const setting = await reminderSetting(deps, id);
      if (!setting) return toLogin(deps, request, reply);
      return sendPage(reply, <ReminderSettingPage ctx={pageContext(deps, request, reply)} optOut={setting.optOut} errors={parsed.errors} />, 400);
    }
    const outcome = await changeReminderSetting(deps, { customerId: id, optOut: parsed.value.optOut, ip: request.ip });
    if (outcome === 'closed') return toLogin(deps, request, reply);
    return reply.redirect(`${REMINDERS_PATH}/complete`, 303);
  });

  app.get(`${REMINDERS_PATH}/complete`, async (request, reply) => {
    const setting = await reminderSetting(deps, customerId(request));
    if (!setting) return toLogin(deps, request, reply);
    return sendPage(reply, <ReminderSettingCompletePage ctx={pageContext(deps, request, reply)} optOut={setting.optOut} />);
  });
}

/** パスワードの変更: other sessions end, this browser gets a new session id. */
function registerPasswordChange(app: FastifyInstance, deps: AppDeps): void {
  const policy = deps.config.passwordPolicy;
  const formPage = (request: FastifyRequest, reply: FastifyReply, status: number, errors?: FieldErrors, message?: string) =>
    sendPage(reply, <PasswordChangePage ctx={pageContext(deps, request, reply)} ruleText={passwordRuleText(policy, request.locale)} errors={errors} message={message} />, status);

  // Step-up: a login or re-entry within 10 minutes (decision 0022).
  const stepUp = { preHandler: requireRecentAuth(deps) };
  app.get(PASSWORD_PATH, stepUp, async (request, reply) => formPage(request, reply, 200));

  app.post(PASSWORD_PATH, stepUp, async (request, reply) => {
    const id = customerId(request);
    const account = await openAccount(deps, id);
    if (!account) return toLogin(deps, request, reply);
    const parsed = parsePasswordChangeForm(request.body, account.userId, policy, request.locale);
    if (!parsed.ok) return formPage(request, reply, 400, parsed.errors);
    const outcome = await changePassword(deps, { customerId: id, ...parsed.value, ip: request.ip, locale: request.locale });
    switch (outcome) {
      case 'changed':
        await startSession(deps, request, reply, id);
        return reply.redirect(`${PASSWORD_PATH}/complete`, 303);
      case 'wrong_password':
        return formPage(request, reply, 400, { current_password: settingsMessages.of(request.locale).wrongCurrentPassword });
      case 'throttled':
        return formPage(request, reply, 429, undefined, settingsMessages.of(request.locale).passwordThrottled);
      default:
        return toLogin(deps, request, reply);
    }
  });

  app.get(`${PASSWORD_PATH}/complete`, async (request, reply) => sendPage(reply, <PasswordChangeCompletePage ctx={pageContext(deps, request, reply)} />));
}

/** お客さまWebサービスの利用停止 (その他の手続). */
function registerStopService(app: FastifyInstance, deps: AppDeps): void {
  const formPage = (request: FastifyRequest, reply: FastifyReply, status: number, errors?: FieldErrors, message?: string) =>
    sendPage(reply, <StopServicePage ctx={pageContext(deps, request, reply)} errors={errors} message={message} />, status);

  app.get(STOP_PATH, async (request, reply) => formPage(request, reply, 200));

  app.post(STOP_PATH, async (request, reply) => {
    const parsed = parseStopForm(request.body, request.locale);
    if (!parsed.ok) return formPage(request, reply, 400, parsed.errors);
    const outcome = await stopService(deps, { customerId: customerId(request), password: parsed.value.password, ip: request.ip, locale: request.locale });
    switch (outcome) {
      case 'stopped':
        await endSession(deps, request, reply);
        return reply.redirect(`${STOP_PATH}/complete`, 303);
      case 'wrong_password':
        return formPage(request, reply, 400, { password: settingsMessages.of(request.locale).wrongPassword });
      case 'throttled':
        return formPage(request, reply, 429, undefined, settingsMessages.of(request.locale).passwordThrottled);
      default:
        return toLogin(deps, request, reply);
    }
  });
}

/** The settings of the customer's home; every page but the last (after the account is closed) needs a session. */
export const settingsRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  await app.register(async (personal) => {
    // Encapsulated: applies to the personal pages only.
    personal.addHook('preHandler', requireLogin);
    registerTabs(personal, deps);
    registerAddressChange(personal, deps);
    registerEmailChange(personal, deps);
    registerPasswordChange(personal, deps);
    registerReminderSetting(personal, deps);
    registerStopService(personal, deps);
  });

  app.get(`${STOP_PATH}/complete`, async (request, reply) => sendPage(reply, <StopServiceCompletePage ctx={pageContext(deps, request, reply)} />));
};
