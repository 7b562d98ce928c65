import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FeatureOptions } from '../../platform/deps.js';
import { japanDate } from '../../platform/clock.js';
import { setFlowClaim } from '../../platform/flow/cookie.js';
import { unseal } from '../../platform/flow/seal.js';
import type { FieldErrors } from '../../platform/ui/form.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import { atStep } from '../../platform/flow/http.js';
import { birthDateField, emailField, parseForm, typedValues } from '../../platform/ui/form-parse.js';
import { formatDuration } from '../../platform/mail/layout.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { recoveryMessages } from './messages.js';
import { RECOVERY_KIND, type RecoveryData, type RecoveryState } from './flow.js';
import { recoverySpec, requestRecovery } from './service.js';
import { RecoveryInputPage, RecoverySentPage } from './views.js';

const recoveryForm = (today: string, locale: Locale) => z.object({ email: emailField(recoveryMessages.of(locale).email, locale), birth_date: birthDateField(today, locale) });

/** ユーザーID・パスワードをお忘れの方: STEP 2–3 here, STEP 4–6 through the shared credential steps. */
export const recoveryRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const inputPage = (request: FastifyRequest, reply: FastifyReply, values: { email?: string; birth_date?: string }, status: number, errors?: FieldErrors, message?: string) =>
    sendPage(reply, <RecoveryInputPage ctx={pageContext(deps, request, reply)} values={values} errors={errors} message={message} />, status);

  app.get('/recovery', async (request, reply) => inputPage(request, reply, {}, 200));

  app.post('/recovery', async (request, reply) => {
    const typed = typedValues(request.body, ['email', 'birth_date']);
    const parsed = parseForm(recoveryForm(japanDate(deps.clock.now()), request.locale), request.body);
    if (!parsed.ok) return inputPage(request, reply, typed, 400, parsed.errors);
    const result = await requestRecovery(deps, { email: parsed.value.email, birthDate: parsed.value.birth_date, ip: request.ip, locale: request.locale });
    if (result.outcome === 'throttled') return inputPage(request, reply, typed, 429, undefined, recoveryMessages.of(request.locale).throttled);
    setFlowClaim(deps.config, reply, RECOVERY_KIND, { flowId: result.flowId, browserKey: result.browserKey });
    return reply.redirect('/recovery/sent', 303);
  });

  app.get('/recovery/sent', async (request, reply) => {
    const at = await atStep<RecoveryState, RecoveryData>(deps, request, reply, recoverySpec, ['mail_sent']);
    if (!at) return reply;
    const sealed = at.flow.data.keywordSealed;
    const keyword = sealed ? unseal(at.browserKey, sealed) : null;
    return sendPage(reply, <RecoverySentPage ctx={pageContext(deps, request, reply)} keyword={keyword} ttlText={formatDuration(deps.config.verificationTtlMs, request.locale)} />);
  });
  // The keyword, ID/password, confirmation and completion steps: features/mail-link-steps, wired by the site.
};
