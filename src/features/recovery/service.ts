import type { AppDeps } from '../../platform/deps.js';
import type { Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { customerActor } from '../../platform/auth/actor.js';
import { hashSecret, sha256 } from '../../platform/crypto.js';
import { issueMailToken, retireMailTokens } from '../../platform/flow/mail-token.js';
import { secretSlot } from '../../platform/mail/secrets.js';
import { seal } from '../../platform/flow/seal.js';
import { createFlow, newBrowserKey, otherFlowIdsOfCustomer, type Flow } from '../../platform/flow/store.js';
import { revokeCustomerSessions } from '../../platform/auth/sessions.js';
import { takeAttempts, type ThrottlePolicy } from '../../platform/auth/throttle.js';
import { mailboxOf, withinMailCaps } from '../../platform/mail/caps.js';
import type { CompletedCustomer, CredentialFlowSpec, NewCredentials } from '../policies/account/credential-steps.js';
import { generateKeyword } from '../../platform/auth/keyword.js';
import { replaceCredentials } from '../policies/account/repository.js';
import { RECOVERY_KIND, RECOVERY_RESTART, RECOVERY_STATES, recoveryPlace, type RecoveryData, type RecoveryState } from './flow.js';
import { passwordLoginResumedMail, recoveryMail, userIdChangedNoticeMail } from './mail.js';
import { findCustomerByUserId } from './repository.js';
import { recoveryMessages } from './messages.js';

/**
 * Every request counts, known address or not (a mail can be triggered): per address and per
 * e-mail, then locked. The mails themselves also count against the daily caps of platform/mail.
 */
export const RECOVERY_IP_THROTTLE: ThrottlePolicy = { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const RECOVERY_EMAIL_THROTTLE: ThrottlePolicy = { limit: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

export type RecoveryFlow = Flow<RecoveryState, RecoveryData>;

export type RequestOutcome = { outcome: 'shown'; flowId: string; browserKey: string } | { outcome: 'throttled' };

/**
 * STEP 2 → 3. Whether or not the address and birth date match a customer, the answer is the
 * same: a new keyword on screen (same argon2 work). Only a match gets a mail with the link, in
 * `locale` (the request's; Japanese when not given).
 */
export async function requestRecovery(deps: AppDeps, input: { email: string; birthDate: string; ip: string; locale?: Locale }): Promise<RequestOutcome> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const gate = await takeAttempts(db, now, [
    { key: `recovery:email:${sha256(mailboxOf(input.email))}`, policy: RECOVERY_EMAIL_THROTTLE },
    { key: `recovery:ip:${input.ip}`, policy: RECOVERY_IP_THROTTLE },
  ]);
  if (!gate.allowed) {
    await recordAudit(db, now, { kind: 'recovery_throttled', actor: null, ip: input.ip });
    return { outcome: 'throttled' };
  }

  const found = await findCustomerByUserId(db, input.email);
  const customer = found && found.holder.birthDate === input.birthDate ? found : null;
  const keyword = generateKeyword();
  const keywordHash = await hashSecret(keyword);
  const browserKey = newBrowserKey();
  const ttlMs = config.verificationTtlMs;
  const data: RecoveryData = { keywordSealed: seal(browserKey, keyword), suggestedUserId: customer?.userId ?? input.email, holder: customer?.holder ?? null };
  const created = await db.transaction().execute(async (trx) => {
    const { flow } = await createFlow<RecoveryState, RecoveryData>(trx, {
      kind: RECOVERY_KIND,
      state: 'mail_sent',
      data,
      keywordHash,
      customerId: customer?.id ?? null,
      now,
      ttlMs,
      browserKey,
    });
    await recordAudit(trx, now, { kind: 'recovery_requested', actor: null, customerId: customer?.id ?? null, ip: input.ip, detail: { flowId: flow.id, matched: customer !== null } });
    if (customer && !(await withinMailCaps(trx, now, { to: customer.userId, ip: input.ip }))) {
      await recordAudit(trx, now, { kind: 'recovery_mail_suppressed', actor: null, customerId: customer.id, ip: input.ip, detail: { flowId: flow.id } });
      return { flowId: flow.id, mailed: false };
    }
    if (customer) {
      await retireMailTokens(trx, await otherFlowIdsOfCustomer(trx, customer.id, flow.id, RECOVERY_KIND), now);
      const token = await issueMailToken(trx, flow.id, now, ttlMs);
      const url = `${config.baseUrl}/recovery/verify?token=${secretSlot('token')}`;
      await deps.mail.enqueue(trx, { ...recoveryMail({ brand: config.brand, to: customer.userId, url, sentAt: now, ttlMs, locale: input.locale ?? 'ja' }), secrets: { token } }, now);
      await recordAudit(trx, now, { kind: 'recovery_mail_sent', actor: null, customerId: customer.id, ip: input.ip, detail: { flowId: flow.id } });
    }
    return { flowId: flow.id, mailed: customer !== null };
  });
  if (created.mailed) deps.mail.kick();
  return { outcome: 'shown', flowId: created.flowId, browserKey };
}

/**
 * A recovery of an account that logs in by passkey only gives it its password login back (the
 * mail link plus the keyword proved the customer; decision 0022), and says so by mail.
 */
async function resumePasswordLogin(trx: Db, deps: AppDeps, customerId: string, to: string, at: Date, ip: string, locale: Locale): Promise<void> {
  const resumed = await trx
    .updateTable('customers')
    .set({ password_login_stopped_at: null })
    .where('id', '=', customerId)
    .where('password_login_stopped_at', 'is not', null)
    .executeTakeFirst();
  if (Number(resumed.numUpdatedRows) === 0) return;
  await recordAudit(trx, at, { kind: 'recovery_password_login_resumed', actor: customerActor(customerId), customerId, ip });
  await deps.mail.enqueue(trx, passwordLoginResumedMail({ brand: deps.config.brand, to, at, locale }), at);
}

/** STEP 5 confirmed: the customer's new user ID and password; every old session ends. */
async function completeRecovery(trx: Db, flow: RecoveryFlow, credentials: NewCredentials, at: Date, ip: string, deps: AppDeps, locale: Locale = 'ja'): Promise<CompletedCustomer> {
  const customerId = flow.customerId;
  if (!customerId) throw new Error('a recovery flow without a customer reached completion');
  const previousUserId = await replaceCredentials(trx, customerId, credentials, at);
  await revokeCustomerSessions(trx, customerId, at);
  await resumePasswordLogin(trx, deps, customerId, credentials.userId, at, ip, locale);
  await recordAudit(trx, at, { kind: 'recovery_completed', actor: customerActor(customerId), customerId, ip, detail: { flowId: flow.id } });
  return { customerId, previousUserId };
}

export const recoverySpec: CredentialFlowSpec<never, RecoveryData> = {
  kind: RECOVERY_KIND,
  keywordVerifiedEvent: 'recovery_keyword_verified',
  basePath: '/recovery',
  states: RECOVERY_STATES,
  placeOf: recoveryPlace,
  texts: (locale) => {
    const m = recoveryMessages.of(locale);
    return { title: m.stepsTitle, keywordIntro: m.keywordIntro, completeHeading: m.completeHeading, completeLines: [m.completeLine] };
  },
  restart: RECOVERY_RESTART,
  ownCustomerId: async (_db, flow) => flow.customerId,
  complete: completeRecovery,
  replacedUserIdMail: userIdChangedNoticeMail,
};
