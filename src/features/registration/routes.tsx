import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../../platform/deps.js';
import { japanDate } from '../../platform/clock.js';
import { setFlowClaim } from '../../platform/flow/cookie.js';
import { unseal } from '../../platform/flow/seal.js';
import type { FieldErrors } from '../../platform/ui/form.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import { atStep, currentFlow, type FlowPlaces } from '../../platform/flow/http.js';
import { parseForm, typedValues } from '../../platform/ui/form-parse.js';
import { formatDuration } from '../../platform/mail/layout.js';
import { step1Form } from './form.js';
import { registrationMessages } from './messages.js';
import { REGISTRATION_KIND, type RegistrationData, type RegistrationEntries, type RegistrationState } from './flow.js';
import { CANCEL_PATH, cancelHold, holdOfFlow, openCancelLink, type CancelProblem } from './hold.js';
import { CancelConfirmPage, CancelledPage, CancelUnavailablePage, ReRegistrationHeldPage } from './hold-views.js';
import { registrationSpec, sendRegistrationMail, startRegistration, type RegistrationFlow } from './service.js';
import { RegisterConfirmPage, RegisterInputPage, RegisterSentPage, STEP1_FIELDS, type Step1Values } from './views.js';

const places: FlowPlaces<RegistrationState> = registrationSpec;

const entriesAsValues = (e: RegistrationEntries, keyword: string): Step1Values => ({
  family_name: e.familyName,
  given_name: e.givenName,
  family_kana: e.familyKana,
  given_kana: e.givenKana,
  birth_date: e.birthDate,
  email: e.email,
  keyword,
  policy_number: e.policyNumber,
});

/** Whether a posted form had 利用規約に同意します。 ticked (nothing posted: not ticked). */
const agreedIn = (body: unknown): boolean => typedValues(body, ['agree']).agree === '1';

/** 新規利用登録: seed screens 3–5 here, 7–10 through the shared credential steps. */
export const registrationRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const inputPage = (request: FastifyRequest, reply: FastifyReply, values: Step1Values, status: number, errors?: FieldErrors, message?: string) =>
    sendPage(reply, <RegisterInputPage ctx={pageContext(deps, request, reply)} values={values} errors={errors} message={message} agreed={agreedIn(request.body)} />, status);

  /** This browser's flow while it is still at confirmation (修正する), else null. */
  const editable = async (request: FastifyRequest) => {
    const current = await currentFlow<RegistrationState, RegistrationData>(deps, request, places);
    return 'flow' in current && current.flow.state === 'confirming' ? (current as { flow: RegistrationFlow; browserKey: string }) : null;
  };

  app.get('/register', async (request, reply) => {
    const editing = await editable(request);
    if (!editing) return inputPage(request, reply, {}, 200);
    const keyword = editing.flow.data.keywordSealed ? (unseal(editing.browserKey, editing.flow.data.keywordSealed) ?? '') : '';
    // 修正する: these entries were sent with 利用規約に同意します。 ticked, so it stays ticked.
    return sendPage(reply, <RegisterInputPage ctx={pageContext(deps, request, reply)} values={entriesAsValues(editing.flow.data.entries, keyword)} agreed />);
  });

  app.post('/register', async (request, reply) => {
    const typed = typedValues(request.body, STEP1_FIELDS);
    const m = registrationMessages.of(request.locale);
    const parsed = parseForm(step1Form(japanDate(deps.clock.now()), request.locale), request.body);
    if (!parsed.ok) return inputPage(request, reply, typed, 400, parsed.errors);
    const { keyword, policy_number, family_name, given_name, family_kana, given_kana, birth_date, email } = parsed.value;
    const entries: RegistrationEntries = {
      familyName: family_name,
      givenName: given_name,
      familyKana: family_kana,
      givenKana: given_kana,
      birthDate: birth_date,
      email,
      policyNumber: policy_number,
    };
    const result = await startRegistration(deps, { entries, keyword, ip: request.ip }, await editable(request));
    if (result.outcome === 'throttled') return inputPage(request, reply, typed, 429, undefined, m.throttled);
    if (result.outcome === 'mismatch') return inputPage(request, reply, typed, 400, undefined, m.mismatch);
    setFlowClaim(deps.config, reply, REGISTRATION_KIND, { flowId: result.flowId, browserKey: result.browserKey });
    return reply.redirect('/register/confirm', 303);
  });

  const confirmPage = (request: FastifyRequest, reply: FastifyReply, flow: RegistrationFlow, browserKey: string) => {
    const keyword = flow.data.keywordSealed ? (unseal(browserKey, flow.data.keywordSealed) ?? '') : '';
    return sendPage(reply, <RegisterConfirmPage ctx={pageContext(deps, request, reply)} data={flow.data} keyword={keyword} />);
  };

  app.get('/register/confirm', async (request, reply) => {
    const at = await atStep<RegistrationState, RegistrationData>(deps, request, reply, places, ['confirming']);
    if (!at) return reply;
    return confirmPage(request, reply, at.flow, at.browserKey);
  });

  app.post('/register/confirm', async (request, reply) => {
    const at = await atStep<RegistrationState, RegistrationData>(deps, request, reply, places, ['confirming']);
    if (!at) return reply;
    await sendRegistrationMail(deps, at.flow, request.ip, request.locale);
    return reply.redirect('/register/sent', 303);
  });

  app.get('/register/sent', async (request, reply) => {
    const at = await atStep<RegistrationState, RegistrationData>(deps, request, reply, places, ['mail_sent']);
    if (!at) return reply;
    const { data } = at.flow;
    const keyword = data.keywordSealed ? unseal(at.browserKey, data.keywordSealed) : null;
    return sendPage(
      reply,
      <RegisterSentPage ctx={pageContext(deps, request, reply)} email={data.entries.email} keyword={keyword} ttlText={formatDuration(deps.config.verificationTtlMs, request.locale)} />,
    );
  });
  // The keyword, ID/password, confirmation and completion steps: features/mail-link-steps, wired by the site.

  // 再登録 to another address: no session; the page says when the new credentials take effect.
  app.get('/register/held', async (request, reply) => {
    const at = await atStep<RegistrationState, RegistrationData>(deps, request, reply, places, ['held']);
    if (!at) return reply;
    const hold = await holdOfFlow(deps.db, at.flow.id);
    if (!hold) throw new Error(`held registration ${at.flow.id} has no hold`);
    const ctx = pageContext(deps, request, reply);
    return sendPage(reply, <ReRegistrationHeldPage ctx={ctx} title={registrationSpec.texts(ctx.locale).title} userId={hold.userId} status={hold.status} effectiveAt={hold.effectiveAt} />);
  });

  const cancelUnavailable = (request: FastifyRequest, reply: FastifyReply, problem: CancelProblem) =>
    sendPage(reply, <CancelUnavailablePage ctx={pageContext(deps, request, reply)} problem={problem} />, 410);

  // The 心当たりがない link: GET only shows the button (a link scanner cancels nothing), POST cancels.
  app.get(CANCEL_PATH, async (request, reply) => {
    const { token } = typedValues(request.query, ['token']);
    const link = await openCancelLink(deps, token);
    if ('problem' in link) return cancelUnavailable(request, reply, link.problem);
    const { hold } = link;
    const ctx = pageContext(deps, request, reply);
    return sendPage(reply, <CancelConfirmPage ctx={ctx} action={CANCEL_PATH} token={token} newUserId={hold.userId} requestedAt={hold.createdAt} effectiveAt={hold.effectiveAt} />);
  });

  app.post(CANCEL_PATH, async (request, reply) => {
    const { token } = typedValues(request.body, ['token']);
    const result = await cancelHold(deps, { token, ip: request.ip });
    if ('problem' in result) return cancelUnavailable(request, reply, result.problem);
    return sendPage(reply, <CancelledPage ctx={pageContext(deps, request, reply)} />);
  });
};
