import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { japanDate } from '../../platform/clock.js';
import { requireLogin } from '../../platform/http/require-login.js';
import type { FieldErrors } from '../../platform/ui/form.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { sendPage } from '../../platform/ui/render.js';
import { birthDateField, parseForm, typedValues } from '../../platform/ui/form-parse.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { kanaField, policyNumberFieldIn } from '../policies/fields.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { addPolicy } from './add-policy.js';
import { findOwnPolicyDetails } from '../policies/policy-query.js';
import { ownPolicyInUrl, policyRef } from '../policies/policy-ref.js';
import { mypageMessages } from './messages.js';
import { policyStatus } from './policy-status.js';
import { ADD_POLICY_FIELDS, AddPolicyCompletePage, AddPolicyPage, OwnPolicyNotFoundPage, PolicyDetailsPage, type AddPolicyValues } from './policy-views.js';

/** The form in each language, each field's messages in it. */
const addForm = (today: string, locale: Locale) => {
  const m = mypageMessages.of(locale);
  return z.object({
    policy_number: policyNumberFieldIn(locale),
    family_kana: kanaField(m.familyKana, 30, locale),
    given_kana: kanaField(m.givenKana, 30, locale),
    birth_date: birthDateField(today, locale),
  });
};

function customerId(request: FastifyRequest): string {
  if (!request.session) throw new Error('requireLogin did not run');
  return request.session.customerId;
}

/** 契約内容の確認 (a policy's details) and 契約中の保険を追加する. Every route needs a session. */
export const policyRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  app.addHook('preHandler', requireLogin);

  const addPage = (request: FastifyRequest, reply: FastifyReply, values: AddPolicyValues, status: number, errors?: FieldErrors, message?: string) =>
    sendPage(reply, <AddPolicyPage ctx={pageContext(deps, request, reply)} values={values} errors={errors} message={message} />, status);

  /** The customer's own policy its reference names; anything else is simply not found. */
  const ownPolicy = async (request: FastifyRequest, ref: unknown) => {
    const place = typeof ref === 'string' ? await ownPolicyInUrl(deps, customerId(request), ref) : null;
    return place?.kind === 'own' ? findOwnPolicyDetails(deps.db, customerId(request), place.policyNumber) : undefined;
  };

  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, <OwnPolicyNotFoundPage ctx={pageContext(deps, request, reply)} />, 404);

  app.get('/mypage/policies/add', async (request, reply) => addPage(request, reply, {}, 200));

  app.post('/mypage/policies/add', async (request, reply) => {
    const typed = typedValues(request.body, ADD_POLICY_FIELDS);
    const parsed = parseForm(addForm(japanDate(deps.clock.now()), request.locale), request.body);
    if (!parsed.ok) return addPage(request, reply, typed, 400, parsed.errors);
    const { policy_number, family_kana, given_kana, birth_date } = parsed.value;
    const outcome = await addPolicy(deps, {
      customerId: customerId(request),
      policyNumber: policy_number,
      familyKana: family_kana,
      givenKana: given_kana,
      birthDate: birth_date,
      ip: request.ip,
    });
    const m = mypageMessages.of(request.locale);
    switch (outcome) {
      case 'linked':
        return reply.redirect(`/mypage/policies/add/complete?policy=${policyRef(deps.secret, policy_number)}`, 303);
      case 'already_own':
        return addPage(request, reply, typed, 400, undefined, m.addAlreadyOwn);
      case 'throttled':
        return addPage(request, reply, typed, 429, undefined, m.addThrottled);
      default:
        return addPage(request, reply, typed, 400, undefined, m.addMismatch);
    }
  });

  app.get('/mypage/policies/add/complete', async (request, reply) => {
    const policy = await ownPolicy(request, (request.query as Record<string, unknown>).policy);
    if (!policy) return notFound(request, reply);
    return sendPage(reply, <AddPolicyCompletePage ctx={pageContext(deps, request, reply)} policy={policy} />);
  });

  app.get('/mypage/policies/:ref', async (request, reply) => {
    const { ref } = request.params as { ref: string };
    // A URL from before references names the 証券番号: answered once more, at its reference.
    const place = await ownPolicyInUrl(deps, customerId(request), ref);
    if (place.kind === 'numbered') return reply.redirect(`/mypage/policies/${place.ref}`, 301);
    const policy = place.kind === 'own' ? await findOwnPolicyDetails(deps.db, customerId(request), place.policyNumber) : undefined;
    if (!policy) return notFound(request, reply);
    const status = policyStatus(policy, japanDate(deps.clock.now()));
    return sendPage(reply, <PolicyDetailsPage ctx={pageContext(deps, request, reply)} policy={policy} status={status} />);
  });
};
