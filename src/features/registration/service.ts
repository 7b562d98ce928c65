import type { AppDeps } from '../../platform/deps.js';
import type { Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { customerActor } from '../../platform/auth/actor.js';
import { hashSecret } from '../../platform/crypto.js';
import { issueMailToken } from '../../platform/flow/mail-token.js';
import { secretSlot } from '../../platform/mail/secrets.js';
import { seal } from '../../platform/flow/seal.js';
import { createFlow, newBrowserKey, saveFlow, type Flow } from '../../platform/flow/store.js';
import { revokeCustomerSessions } from '../../platform/auth/sessions.js';
import { holdAnswer, refundAttempt, takeAttempts, type ThrottlePolicy } from '../../platform/auth/throttle.js';
import { withinMailCaps } from '../../platform/mail/caps.js';
import { STEP_TTL_MS, type CompletedCustomer, type CredentialFlowSpec, type HeldCompletion, type NewCredentials } from '../policies/account/credential-steps.js';
import { sameHolder } from '../policies/holder.js';
import { REGISTRATION_CREDENTIALS_STEP, REGISTRATION_KIND, REGISTRATION_RESTART, REGISTRATION_STATES, registrationPlace, registrationSteps, type RegistrationData, type RegistrationEntries, type RegistrationState } from './flow.js';
import { reRegistrationNoticeMail, registrationMail } from './mail.js';
import { insertCustomer, replaceCredentials } from '../policies/account/repository.js';
import { startHold, needsHold, voidPendingHold } from './hold.js';
import { findHoldAccount } from './hold-repository.js';
import { findPolicyHolder } from '../policies/policy-query.js';
import { linkHolderPolicies } from './repository.js';
import { registrationMessages } from './messages.js';

/** Proofing attempts from one address, and against one policy number (a match gives its attempt back): slow down, then lock. */
export const REGISTRATION_IP_THROTTLE: ThrottlePolicy = { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000, slowAfter: 3 };
export const REGISTRATION_POLICY_THROTTLE: ThrottlePolicy = { limit: 5, windowMs: 30 * 60_000, lockMs: 30 * 60_000, slowAfter: 2 };
/** Registration mails a day per policy (with the mailbox's and the address's daily caps): no mail bombing through a known policy. */
export const REGISTRATION_MAIL_CAP: ThrottlePolicy = { limit: 10, windowMs: 24 * 3_600_000, lockMs: 24 * 3_600_000 };

export type RegistrationFlow = Flow<RegistrationState, RegistrationData>;

const proofingKeys = (ip: string, policyNumber: string) => [
  { key: `registration:ip:${ip}`, policy: REGISTRATION_IP_THROTTLE },
  { key: `registration:policy:${policyNumber}`, policy: REGISTRATION_POLICY_THROTTLE },
];
const policyMailKey = (policyNumber: string) => ({ key: `registration:mail:${policyNumber}`, policy: REGISTRATION_MAIL_CAP });

export type StartOutcome = { outcome: 'started'; flowId: string; browserKey: string } | { outcome: 'mismatch' } | { outcome: 'throttled' };

/**
 * Step 1: the four identity items must match one policy's holder. A mismatch is counted per
 * address and per policy number and answered with one message that names no item.
 * `editing` is this browser's flow still at confirmation (修正する), updated in place.
 */
export async function startRegistration(
  deps: AppDeps,
  input: { entries: RegistrationEntries; keyword: string; ip: string },
  editing: { flow: RegistrationFlow; browserKey: string } | null,
): Promise<StartOutcome> {
  const { db, clock } = deps;
  const { entries, ip } = input;
  const now = clock.now();
  const started = performance.now();
  const keys = proofingKeys(ip, entries.policyNumber);
  const gate = await takeAttempts(db, now, keys);
  if (!gate.allowed) {
    await recordAudit(db, now, { kind: 'registration_throttled', actor: null, ip, detail: { policyNumber: entries.policyNumber } });
    await holdAnswer(started, gate.holdMs);
    return { outcome: 'throttled' };
  }
  const policy = await findPolicyHolder(db, entries.policyNumber);
  if (!policy || !sameHolder(entries, policy.holder)) {
    await recordAudit(db, now, { kind: 'registration_proofing_failed', actor: null, ip, detail: { policyNumber: entries.policyNumber } });
    await holdAnswer(started, gate.holdMs);
    return { outcome: 'mismatch' };
  }
  for (const { key, policy: limits } of keys) await refundAttempt(db, key, limits);
  const keywordHash = await hashSecret(input.keyword);
  const browserKey = editing?.browserKey ?? newBrowserKey();
  const data: RegistrationData = { entries, holder: policy.holder, suggestedUserId: entries.email, keywordSealed: seal(browserKey, input.keyword) };
  return db.transaction().execute(async (trx) => {
    let flowId: string | null = null;
    const customerId = policy.customerId;
    if (editing && (await saveFlow(trx, editing.flow, { state: 'confirming', data, now, ttlMs: STEP_TTL_MS, keywordHash, customerId }))) flowId = editing.flow.id;
    flowId ??= (await createFlow<RegistrationState, RegistrationData>(trx, { kind: REGISTRATION_KIND, state: 'confirming', data, keywordHash, customerId, now, ttlMs: STEP_TTL_MS, browserKey })).flow.id;
    await recordAudit(trx, now, { kind: 'registration_started', actor: null, customerId: policy.customerId, ip, detail: { flowId, policyNumber: entries.policyNumber } });
    return { outcome: 'started' as const, flowId, browserKey };
  });
}

export type SendOutcome = 'sent' | 'moved';

/**
 * Step 2 → 3: the one-time link goes out in the same transaction as the state change. Past a
 * daily cap (per policy, per mailbox, per address) the flow moves on all the same and no mail
 * is queued: the screen is the one for a sent mail. The mail is in `locale` (the request's).
 */
export async function sendRegistrationMail(deps: AppDeps, flow: RegistrationFlow, ip: string, locale: Locale = 'ja'): Promise<SendOutcome> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const { policyNumber, email } = flow.data.entries;
  const ttlMs = config.verificationTtlMs;
  const sent = await db.transaction().execute(async (trx) => {
    if (!(await saveFlow(trx, flow, { state: 'mail_sent', data: flow.data, now, ttlMs }))) return null;
    if (!(await withinMailCaps(trx, now, { to: email, ip, more: [policyMailKey(policyNumber)] }))) {
      await recordAudit(trx, now, { kind: 'registration_mail_suppressed', actor: null, ip, detail: { flowId: flow.id, policyNumber } });
      return false;
    }
    const token = await issueMailToken(trx, flow.id, now, ttlMs);
    const url = `${config.baseUrl}/register/verify?token=${secretSlot('token')}`;
    await deps.mail.enqueue(trx, { ...registrationMail({ brand: config.brand, to: email, url, sentAt: now, ttlMs, locale }), secrets: { token } }, now);
    await recordAudit(trx, now, { kind: 'registration_mail_sent', actor: null, ip, detail: { flowId: flow.id, policyNumber } });
    return true;
  });
  if (sent === null) return 'moved';
  if (sent) deps.mail.kick();
  return 'sent';
}

/** The proofed policy's customer, whose own user ID a re-registration may keep. */
async function proofedCustomerId(db: Db, flow: RegistrationFlow): Promise<string | null> {
  return (await findPolicyHolder(db, flow.data.entries.policyNumber))?.customerId ?? null;
}

/**
 * Completion: a new customer, or (再登録) the proofed policy's customer with new credentials
 * and every session ended; then every policy of the same holder without a customer is linked.
 * A 再登録 to another address than the account's is held instead (./hold.ts): the account is
 * untouched until REREGISTRATION_HOLD has passed, and its registered address may cancel it.
 */
async function completeRegistration(
  trx: Db,
  flow: RegistrationFlow,
  credentials: NewCredentials,
  at: Date,
  ip: string,
  deps: AppDeps,
): Promise<CompletedCustomer | HeldCompletion<'held'>> {
  const policy = await findPolicyHolder(trx, flow.data.entries.policyNumber);
  if (!policy) throw new Error(`proofed policy ${flow.data.entries.policyNumber} is gone`);
  const reRegistration = policy.customerId !== null;
  let customerId: string;
  let previousUserId: string | null = null;
  if (policy.customerId) {
    customerId = policy.customerId;
    const account = await findHoldAccount(trx, customerId);
    if (!account) throw new Error(`customer ${customerId} of policy ${policy.policyNumber} is gone`);
    if (needsHold(account.userId, credentials.userId)) {
      const { holdId } = await startHold(trx, deps, { customerId, currentUserId: account.userId, flowId: flow.id, credentials, at, ip, accountLocale: account.locale });
      await recordAudit(trx, at, { kind: 'registration_completed', actor: customerActor(customerId), customerId, ip, detail: { flowId: flow.id, reRegistration, held: true, holdId, linkedPolicies: [] } });
      return { customerId, heldState: 'held' };
    }
    // The mail reached the account's own address: at once, as ever; a pending hold is void.
    await voidPendingHold(trx, customerId, at, ip, flow.id);
    previousUserId = await replaceCredentials(trx, customerId, credentials, at);
    await revokeCustomerSessions(trx, customerId, at);
  } else {
    customerId = await insertCustomer(trx, policy.holder, credentials, at);
  }
  const linked = await linkHolderPolicies(trx, customerId, policy.holder, at);
  if (!reRegistration) await deps.webhooks.enqueue(trx, { type: 'customer.registered', data: { customer_id: customerId, policy_numbers: linked } }, at);
  await recordAudit(trx, at, { kind: 'registration_completed', actor: customerActor(customerId), customerId, ip, detail: { flowId: flow.id, reRegistration, linkedPolicies: linked } });
  return { customerId, previousUserId };
}

export const registrationSpec: CredentialFlowSpec<'confirming' | 'held', RegistrationData> = {
  kind: REGISTRATION_KIND,
  keywordVerifiedEvent: 'registration_keyword_verified',
  basePath: '/register',
  states: REGISTRATION_STATES,
  placeOf: registrationPlace,
  texts: (locale) => {
    const m = registrationMessages.of(locale);
    return { title: m.title, keywordIntro: m.keywordIntro, completeHeading: m.completeHeading, completeLines: [m.completeLine] };
  },
  steps: { labels: registrationSteps, credentialsAt: REGISTRATION_CREDENTIALS_STEP },
  restart: REGISTRATION_RESTART,
  ownCustomerId: proofedCustomerId,
  complete: completeRegistration,
  replacedUserIdMail: reRegistrationNoticeMail,
};
