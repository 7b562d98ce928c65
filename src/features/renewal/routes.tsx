import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../platform/ui/form.js';
import { requireLogin } from '../../platform/http/require-login.js';
import { requireRecentAuth } from '../../platform/http/step-up.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { NotFoundPage } from '../../platform/ui/pages.js';
import { sendPage } from '../../platform/ui/render.js';
import { parseForm } from '../../platform/ui/form-parse.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { applicationDocument } from './document.js';
import { reachable, renewalPlace, type PlanId, type RenewalStep } from './flow.js';
import {
  answerChanged,
  coverageValues,
  confirmationsFormIn,
  contractFormIn,
  CONFIRMATIONS,
  parseCustomCoverage,
  parsePaymentForm,
  postedRevision,
  typedCustomValues,
  type CustomValues,
} from './forms.js';
import { loadImportantMattersBoth } from './important-matters.js';
import { renewalMessages } from './messages.js';
import { loadPdfFonts, renderApplicationPdf } from './pdf.js';
import { loadRateTable, type Quote } from './rating/index.js';
import { ownPolicyInUrl } from '../policies/policy-ref.js';
import { findCustomerMail } from './repository.js';
import {
  applyRenewal,
  choosePayment,
  choosePlan,
  confirmContract,
  confirmMatters,
  confirmPremium,
  offeredPlans,
  openRenewal,
  paymentChoiceOf,
  quoteFor,
  recordNotPossible,
  type Renewal,
  type RenewalDeps,
  type SaveOutcome,
} from './service.js';
import { AlreadyAppliedPage, PolicyNotFoundPage, RenewalClosedPage } from './views/common.js';
import { CompletePage } from './views/complete.js';
import { ContractPage, NotPossiblePage, type ContractValues } from './views/contract.js';
import { MattersPage } from './views/matters.js';
import { PaymentPage } from './views/payment.js';
import { PlansPage } from './views/plans.js';
import { PremiumPage } from './views/premium.js';
import { issuesText } from './views/plans.js';
import { ReviewPage } from './views/review.js';

type Params = { ref: string };

function customerIdOf(request: FastifyRequest): string {
  if (!request.session) throw new Error('requireLogin did not run');
  return request.session.customerId;
}

const changedQuery = (request: FastifyRequest): boolean => (request.query as Record<string, unknown>).changed === '1';

/** 継続手続 steps 1–7, the 申込内容確認書 PDF. Every route needs a session and an own policy. */
export const renewalRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps: appDeps }) => {
  // Read once at start: a bad rate table, text or font stops the start with a clear message.
  const deps: RenewalDeps = { ...appDeps, rates: loadRateTable(appDeps.config.ratesFile) };
  const matters = loadImportantMattersBoth({ ja: appDeps.config.importantMattersFile, en: appDeps.config.importantMattersFileEn });
  loadPdfFonts();
  const { rates } = deps;

  app.addHook('preHandler', requireLogin);

  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => pageContext(deps, request, reply);

  /**
   * The 証券番号 the URL's reference names among the customer's own policies, or null once the
   * answer is sent: 404 for none; for a URL from before references (the number itself), the same
   * place at its reference — 308 for a POST, so what was typed is sent again.
   */
  async function policyNumberIn(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const place = await ownPolicyInUrl(deps, customerIdOf(request), (request.params as Params).ref);
    if (place.kind === 'own') return place.policyNumber;
    if (place.kind === 'numbered') await reply.redirect(request.url.replace(/^\/renewal\/[^/?#]+/, `/renewal/${place.ref}`), request.method === 'POST' ? 308 : 301);
    else await sendPage(reply, <PolicyNotFoundPage ctx={ctxOf(request, reply)} />, 404);
    return null;
  }

  /**
   * The renewal if `step` may be shown now; otherwise the answer is sent (404, the closed page,
   * the 受付済み page or a 303 to where the flow is) and null is returned.
   */
  async function at(request: FastifyRequest, reply: FastifyReply, step: RenewalStep): Promise<Renewal | null> {
    const policyNumber = await policyNumberIn(request, reply);
    if (!policyNumber) return null;
    const entry = await openRenewal(deps, customerIdOf(request), policyNumber);
    const ctx = ctxOf(request, reply);
    switch (entry.kind) {
      case 'not_found':
        await sendPage(reply, <PolicyNotFoundPage ctx={ctx} />, 404);
        return null;
      case 'closed':
        await sendPage(reply, <RenewalClosedPage ctx={ctx} policy={entry.policy} window={entry.window} reason={entry.reason} />);
        return null;
      case 'applied':
        if (request.method === 'GET') await reply.redirect(renewalPlace(entry.ref, 'completed'), 303);
        else await sendPage(reply, <AlreadyAppliedPage ctx={ctx} policyNumber={entry.policy.policy_number} policyRef={entry.ref} receptionNumber={entry.application.reception_number} />, 409);
        return null;
      case 'open': {
        const { renewal } = entry;
        const state = renewal.flow?.state;
        if (step === 'contract' || (state && reachable(step, state))) return renewal;
        await reply.redirect(renewalPlace(renewal.ref, state && state !== 'completed' ? state : 'contract'), 303);
        return null;
      }
    }
  }

  /** After a POST: to the state the flow moved to, or (someone was faster) to where it is now. */
  async function onward(request: FastifyRequest, reply: FastifyReply, renewal: Renewal, outcome: SaveOutcome) {
    if (outcome !== 'moved') return reply.redirect(renewalPlace(renewal.ref, outcome), 303);
    const again = await openRenewal(deps, customerIdOf(request), renewal.policy.policy_number);
    const state = again.kind === 'open' ? again.renewal.flow?.state : again.kind === 'applied' ? 'completed' : undefined;
    return reply.redirect(renewalPlace(renewal.ref, state ?? 'contract'), 303);
  }

  // STEP 1 ご契約内容の確認
  const contractPage = (request: FastifyRequest, reply: FastifyReply, renewal: Renewal, values: ContractValues, status = 200, errors?: FieldErrors) =>
    sendPage(reply, <ContractPage ctx={ctxOf(request, reply)} renewal={renewal} values={values} errors={errors} />, status);

  app.get('/renewal/:ref', async (request, reply) => {
    const renewal = await at(request, reply, 'contract');
    if (!renewal) return reply;
    const answered = renewal.flow?.data.answeredAt ? { vehicle_changed: 'yes', insured_changed: 'yes' } : {};
    return contractPage(request, reply, renewal, answered);
  });

  app.post('/renewal/:ref', async (request, reply) => {
    const renewal = await at(request, reply, 'contract');
    if (!renewal) return reply;
    const parsed = parseForm(contractFormIn(request.locale), request.body);
    if (!parsed.ok) {
      const typed = (request.body ?? {}) as Record<string, unknown>;
      const keep = (v: unknown) => (v === 'yes' || v === 'no' ? v : undefined);
      return contractPage(request, reply, renewal, { vehicle_changed: keep(typed.vehicle_changed), insured_changed: keep(typed.insured_changed) } as ContractValues, 400, parsed.errors);
    }
    const vehicle = answerChanged(parsed.value.vehicle_changed);
    const insured = answerChanged(parsed.value.insured_changed);
    if (vehicle || insured) {
      await recordNotPossible(deps, renewal, { vehicle, insured }, request.ip);
      return sendPage(reply, <NotPossiblePage ctx={ctxOf(request, reply)} renewal={renewal} vehicle={vehicle} insured={insured} />);
    }
    return onward(request, reply, renewal, await confirmContract(deps, renewal, request.ip));
  });

  // STEP 2 継続内容の選択
  const plansPage = (request: FastifyRequest, reply: FastifyReply, renewal: Renewal, values: CustomValues, status = 200, errors?: FieldErrors, estimate?: Quote, planError?: string) =>
    sendPage(
      reply,
      <PlansPage
        ctx={ctxOf(request, reply)}
        renewal={renewal}
        rates={rates}
        offers={offeredPlans(rates, renewal)}
        chosen={renewal.flow?.data.plan}
        values={values}
        errors={errors}
        estimate={estimate}
        planError={planError}
      />,
      status,
    );

  app.get('/renewal/:ref/plans', async (request, reply) => {
    const renewal = await at(request, reply, 'plans');
    if (!renewal) return reply;
    return plansPage(request, reply, renewal, coverageValues(renewal.flow?.data.coverage ?? renewal.current));
  });

  app.post('/renewal/:ref/plans', async (request, reply) => {
    const renewal = await at(request, reply, 'plans');
    if (!renewal) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const current = coverageValues(renewal.flow?.data.coverage ?? renewal.current);
    if (body.plan === 'custom') {
      const typed = typedCustomValues(body);
      const parsed = parseCustomCoverage(rates, body, { birthDate: renewal.policy.birth_date, termStart: renewal.termStart }, request.locale);
      if (!parsed.ok) return plansPage(request, reply, renewal, typed, 400, parsed.errors);
      if (body.action !== 'choose') return plansPage(request, reply, renewal, typed, 200, undefined, quoteFor(rates, renewal, parsed.coverage, 'annual'));
      return onward(request, reply, renewal, await choosePlan(deps, renewal, 'custom', parsed.coverage));
    }
    const offer = offeredPlans(rates, renewal).find((o) => o.id === body.plan);
    if (!offer) return plansPage(request, reply, renewal, current, 400, undefined, undefined, renewalMessages.of(request.locale).planMissing);
    if (!offer.quote) return plansPage(request, reply, renewal, current, 400, undefined, undefined, issuesText(offer.problems, request.locale));
    return onward(request, reply, renewal, await choosePlan(deps, renewal, offer.id as PlanId, offer.coverage));
  });

  // STEP 3 保険料の確認
  app.get('/renewal/:ref/premium', async (request, reply) => {
    const renewal = await at(request, reply, 'premium');
    if (!renewal) return reply;
    const { plan, coverage, quote } = renewal.flow?.data ?? {};
    if (!plan || !coverage || !quote) return reply.redirect(renewalPlace(renewal.ref, 'plans'), 303);
    const monthly = quote.monthlyPremium === null ? quoteFor(rates, renewal, coverage, 'monthly') : null;
    return sendPage(reply, <PremiumPage ctx={ctxOf(request, reply)} renewal={renewal} plan={plan} quote={quote} monthly={monthly} />);
  });

  app.post('/renewal/:ref/premium', async (request, reply) => {
    const renewal = await at(request, reply, 'premium');
    if (!renewal) return reply;
    return onward(request, reply, renewal, await confirmPremium(deps, renewal));
  });

  // STEP 4 重要事項説明・意向確認
  const mattersPage = (request: FastifyRequest, reply: FastifyReply, renewal: Renewal, checked: Set<string>, status = 200, errors?: FieldErrors) => {
    const coverage = renewal.flow?.data.coverage;
    if (!coverage) return reply.redirect(renewalPlace(renewal.ref, 'plans'), 303);
    const notice = changedQuery(request) ? renewalMessages.of(request.locale).changed : undefined;
    return sendPage(reply, <MattersPage ctx={ctxOf(request, reply)} renewal={renewal} coverage={coverage} blocks={matters[request.locale]} checked={checked} errors={errors} notice={notice} />, status);
  };

  app.get('/renewal/:ref/important-matters', async (request, reply) => {
    const renewal = await at(request, reply, 'matters');
    if (!renewal) return reply;
    return mattersPage(request, reply, renewal, new Set());
  });

  app.post('/renewal/:ref/important-matters', async (request, reply) => {
    const renewal = await at(request, reply, 'matters');
    if (!renewal) return reply;
    if (postedRevision(request.body) !== renewal.flow?.data.revision) return reply.redirect(`${renewalPlace(renewal.ref, 'matters')}?changed=1`, 303);
    const parsed = parseForm(confirmationsFormIn(request.locale), request.body);
    if (!parsed.ok) {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const checked = new Set(CONFIRMATIONS.map((c) => c.name).filter((name) => body[name] === '1'));
      return mattersPage(request, reply, renewal, checked, 400, parsed.errors);
    }
    return onward(request, reply, renewal, await confirmMatters(deps, renewal));
  });

  // STEP 5 お支払方法
  const paymentPage = (request: FastifyRequest, reply: FastifyReply, renewal: Renewal, values: { payment_method?: string; payment_frequency?: string }, status = 200, errors?: FieldErrors) => {
    const coverage = renewal.flow?.data.coverage;
    if (!coverage) return reply.redirect(renewalPlace(renewal.ref, 'plans'), 303);
    const annual = quoteFor(rates, renewal, coverage, 'annual');
    const monthly = quoteFor(rates, renewal, coverage, 'monthly');
    return sendPage(reply, <PaymentPage ctx={ctxOf(request, reply)} renewal={renewal} values={values} annual={annual} monthly={monthly} errors={errors} />, status);
  };

  // Step-up: the payment choice needs a login or re-entry within 10 minutes (decision 0022).
  const stepUp = { preHandler: requireRecentAuth(deps) };
  app.get('/renewal/:ref/payment', stepUp, async (request, reply) => {
    const renewal = await at(request, reply, 'payment');
    if (!renewal) return reply;
    const choice = paymentChoiceOf(renewal);
    return paymentPage(request, reply, renewal, { payment_method: choice.method, payment_frequency: choice.frequency });
  });

  app.post('/renewal/:ref/payment', stepUp, async (request, reply) => {
    const renewal = await at(request, reply, 'payment');
    if (!renewal) return reply;
    const current = renewal.policy.payment_method;
    const parsed = parsePaymentForm(request.body, current === 'card' || current === 'convenience' ? current : 'bank', request.locale);
    if (!parsed.ok) {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' && v.length <= 20 ? v : undefined);
      return paymentPage(request, reply, renewal, { payment_method: text(body.payment_method), payment_frequency: text(body.payment_frequency) }, 400, parsed.errors);
    }
    return onward(request, reply, renewal, await choosePayment(deps, renewal, parsed.value));
  });

  // STEP 6 お申込内容の確認
  app.get('/renewal/:ref/review', async (request, reply) => {
    const renewal = await at(request, reply, 'review');
    if (!renewal) return reply;
    return sendPage(reply, <ReviewPage ctx={ctxOf(request, reply)} renewal={renewal} notice={changedQuery(request) ? renewalMessages.of(request.locale).changed : undefined} />);
  });

  app.post('/renewal/:ref/review', async (request, reply) => {
    const renewal = await at(request, reply, 'review');
    if (!renewal) return reply;
    const review = `${renewalPlace(renewal.ref, 'review')}?changed=1`;
    if (postedRevision(request.body) !== renewal.flow?.data.revision) return reply.redirect(review, 303);
    const result = await applyRenewal(deps, renewal, request.ip, request.locale);
    if (result.outcome === 'applied') return reply.redirect(renewalPlace(renewal.ref, 'completed'), 303);
    if (result.outcome === 'already') {
      return sendPage(reply, <AlreadyAppliedPage ctx={ctxOf(request, reply)} policyNumber={renewal.policy.policy_number} policyRef={renewal.ref} receptionNumber={result.receptionNumber} />, 409);
    }
    return reply.redirect(review, 303);
  });

  // STEP 7 完了, and the 申込内容確認書
  app.get('/renewal/:ref/complete', async (request, reply) => {
    const policyNumber = await policyNumberIn(request, reply);
    if (!policyNumber) return reply;
    const customerId = customerIdOf(request);
    const entry = await openRenewal(deps, customerId, policyNumber);
    if (entry.kind !== 'applied') return at(request, reply, 'completed');
    const mailTo = (await findCustomerMail(deps.db, customerId)) ?? null;
    return sendPage(reply, <CompletePage ctx={ctxOf(request, reply)} application={entry.application} policyRef={entry.ref} mailTo={mailTo} />);
  });

  app.get('/renewal/:ref/application.pdf', async (request, reply) => {
    const policyNumber = await policyNumberIn(request, reply);
    if (!policyNumber) return reply;
    const entry = await openRenewal(deps, customerIdOf(request), policyNumber);
    if (entry.kind === 'not_found') return sendPage(reply, <PolicyNotFoundPage ctx={ctxOf(request, reply)} />, 404);
    if (entry.kind !== 'applied') return sendPage(reply, <NotFoundPage ctx={ctxOf(request, reply)} />, 404);
    const pdf = await renderApplicationPdf(applicationDocument(deps.config.brand, entry.application, entry.policy, request.locale));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="renewal-${entry.application.reception_number}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
};
