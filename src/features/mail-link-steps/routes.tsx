import { passwordRuleText } from '../../platform/auth/password-rule.js';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps, FeatureOptions } from '../../platform/deps.js';
import { setFlowClaim } from '../../platform/flow/cookie.js';
import { startSession } from '../../platform/http/session.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import { recordSuccessfulLogin } from '../../platform/auth/logins.js';
import { recordLoginEvent } from '../../platform/auth/login-events.js';
import { rememberThisBrowser } from '../../platform/http/device-cookie.js';
import { parseCredentialsForm, parseKeywordForm } from './credentials-form.js';
import { atStep } from '../../platform/flow/http.js';
import type { CredentialData, CredentialFlowSpec, CredentialState } from '../policies/account/credential-steps.js';
import { typedValues } from '../../platform/ui/form-parse.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { mailLinkMessages } from './messages.js';
import { type LinkProblem, InvalidLinkPage } from '../../platform/flow/pages.js';
import { completeCredentials, openLink, saveCredentials, verifyKeyword } from './service.js';
import { CompletePage, CredentialsConfirmPage, CredentialsPage, KeywordEntryPage } from './views.js';

const userIdRefusal = (locale: Locale, outcome: 'taken' | 'not_mailed'): string => {
  const m = mailLinkMessages.of(locale);
  return outcome === 'taken' ? m.userIdTaken : m.userIdNotMailed;
};

/**
 * The steps after the mail for one flow, as a plugin the site registers beside the flow's own
 * routes: registration and recovery hand over their spec and never import this folder.
 */
export const mailLinkSteps =
  <X extends string, D extends CredentialData>(spec: CredentialFlowSpec<X, D>): FastifyPluginAsync<FeatureOptions> =>
  async (app, { deps }) =>
    registerCredentialSteps(app, deps, spec);

/**
 * The steps registration and recovery share after the mail: keyword at the link (seed screen 7),
 * ID/password (8), confirmation (9), completion (10) that lands logged in.
 */
export function registerCredentialSteps<X extends string, D extends CredentialData>(app: FastifyInstance, deps: AppDeps, spec: CredentialFlowSpec<X, D>): void {
  type S = X | CredentialState;
  const base = spec.basePath;
  const policy = deps.config.passwordPolicy;
  // Every step in the language of its own request: the customer may switch between steps.
  const stepsIn = (locale: Locale) => (spec.steps ? { labels: spec.steps.labels(locale), credentialsAt: spec.steps.credentialsAt } : undefined);

  const keywordPage = (request: FastifyRequest, reply: FastifyReply, token: string, status: number, error?: string, message?: string) => {
    const texts = spec.texts(request.locale);
    return sendPage(
      reply,
      <KeywordEntryPage ctx={pageContext(deps, request, reply)} title={texts.title} intro={texts.keywordIntro} action={`${base}/verify`} token={token} error={error} message={message} />,
      status,
    );
  };
  const invalidLink = (request: FastifyRequest, reply: FastifyReply, problem: LinkProblem) => {
    return sendPage(reply, <InvalidLinkPage ctx={pageContext(deps, request, reply)} problem={problem} restart={spec.restart} ttlMs={deps.config.verificationTtlMs} />, 410);
  };

  // GET only looks: a link scanner opening the URL uses nothing up.
  app.get(`${base}/verify`, async (request, reply) => {
    const { token } = typedValues(request.query, ['token']);
    const link = await openLink(deps, spec, token);
    if ('problem' in link) return invalidLink(request, reply, link.problem);
    return keywordPage(request, reply, token ?? '', 200);
  });

  app.post(`${base}/verify`, async (request, reply) => {
    const token = typedValues(request.body, ['token']).token ?? '';
    const parsed = parseKeywordForm(request.body, request.locale);
    if (!parsed.ok) {
      const link = await openLink(deps, spec, token);
      if ('problem' in link) return invalidLink(request, reply, link.problem);
      return keywordPage(request, reply, token, 400, parsed.errors.keyword);
    }
    const result = await verifyKeyword(deps, spec, { token, keyword: parsed.value.keyword, ip: request.ip });
    switch (result.outcome) {
      case 'ok':
        setFlowClaim(deps.config, reply, spec.kind, { flowId: result.flowId, browserKey: result.browserKey });
        return reply.redirect(`${base}/credentials`, 303);
      case 'wrong':
        return keywordPage(request, reply, token, 400, mailLinkMessages.of(request.locale).keywordWrong({ remaining: result.remaining }));
      case 'throttled':
        return keywordPage(request, reply, token, 429, undefined, mailLinkMessages.of(request.locale).keywordThrottled);
      case 'invalid':
        return invalidLink(request, reply, result.problem);
    }
  });

  const credentialsPage = (request: FastifyRequest, reply: FastifyReply, props: { userId: string; userIdConfirm?: string; errors?: Record<string, string>; message?: string; agreed?: boolean }, status = 200) =>
    sendPage(
      reply,
      <CredentialsPage
        ctx={pageContext(deps, request, reply)}
        title={spec.texts(request.locale).title}
        steps={stepsIn(request.locale)}
        action={`${base}/credentials`}
        ruleText={passwordRuleText(policy, request.locale)}
        {...props}
      />,
      status,
    );

  app.get(`${base}/credentials`, async (request, reply) => {
    const at = await atStep<S, D>(deps, request, reply, spec, ['verified', 'credentials_confirming']);
    if (!at) return reply;
    const mailedTo = at.flow.data.suggestedUserId;
    // 修正する from the confirmation: the terms were agreed to with these credentials.
    return credentialsPage(request, reply, { userId: mailedTo, userIdConfirm: mailedTo, agreed: at.flow.state === 'credentials_confirming' });
  });

  app.post(`${base}/credentials`, async (request, reply) => {
    const at = await atStep<S, D>(deps, request, reply, spec, ['verified', 'credentials_confirming']);
    if (!at) return reply;
    const typed = typedValues(request.body, ['user_id', 'user_id_confirm']);
    const shown = { userId: typed.user_id ?? '', userIdConfirm: typed.user_id_confirm ?? '', agreed: typedValues(request.body, ['agree']).agree === '1' };
    const parsed = parseCredentialsForm(request.body, policy, at.flow.data.suggestedUserId, request.locale);
    if (!parsed.ok) return credentialsPage(request, reply, { ...shown, errors: parsed.errors }, 400);
    const outcome = await saveCredentials(deps, spec, at.flow, parsed.value);
    if (outcome === 'taken' || outcome === 'not_mailed') return credentialsPage(request, reply, { ...shown, errors: { user_id: userIdRefusal(request.locale, outcome) } }, 400);
    return reply.redirect(outcome === 'ok' ? `${base}/credentials/confirm` : `${base}/credentials`, 303);
  });

  app.get(`${base}/credentials/confirm`, async (request, reply) => {
    const at = await atStep<S, D>(deps, request, reply, spec, ['credentials_confirming']);
    if (!at) return reply;
    const { data } = at.flow;
    return sendPage(
      reply,
      <CredentialsConfirmPage
        ctx={pageContext(deps, request, reply)}
        title={spec.texts(request.locale).title}
        steps={stepsIn(request.locale)}
        action={`${base}/credentials/confirm`}
        backHref={`${base}/credentials`}
        userId={data.credentials?.userId ?? ''}
        holder={data.holder}
      />,
    );
  });

  app.post(`${base}/credentials/confirm`, async (request, reply) => {
    const at = await atStep<S, D>(deps, request, reply, spec, ['credentials_confirming']);
    if (!at) return reply;
    const result = await completeCredentials(deps, spec, at.flow, request.ip, request.locale);
    if (result === 'moved') return reply.redirect(`${base}/complete`, 303);
    if (result === 'taken' || result === 'not_mailed') {
      const userId = at.flow.data.credentials?.userId ?? '';
      return credentialsPage(request, reply, { userId, errors: { user_id: userIdRefusal(request.locale, result) } }, 409);
    }
    // Held (再登録 to another address): nobody is logged in; the page says when it takes effect.
    if ('held' in result) return reply.redirect(spec.placeOf(result.held), 303);
    await startSession(deps, request, reply, result.customerId);
    await recordSuccessfulLogin(deps.db, result.customerId, deps.clock.now());
    // A login in the history, and this browser the customer's from now on: no ログインのお知らせ for it (decision 0023).
    const method = spec.kind === 'recovery' ? 'recovery' : 'registration';
    await recordLoginEvent(deps.db, { customerId: result.customerId, method, succeeded: true, at: deps.clock.now(), userAgent: request.headers['user-agent'] ?? '', ip: request.ip });
    await rememberThisBrowser(deps, request, reply, result.customerId);
    return reply.redirect(`${base}/complete`, 303);
  });

  app.get(`${base}/complete`, async (request, reply) => {
    const at = await atStep<S, D>(deps, request, reply, spec, ['completed']);
    if (!at) return reply;
    const texts = spec.texts(request.locale);
    return sendPage(reply, <CompletePage ctx={pageContext(deps, request, reply)} title={texts.title} steps={stepsIn(request.locale)} heading={texts.completeHeading} lines={texts.completeLines} />);
  });
}
