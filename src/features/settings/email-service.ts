import { recordAudit } from '../../platform/auth/audit.js';
import { customerActor } from '../../platform/auth/actor.js';
import { consumeMailToken, inspectMailToken, issueMailToken, retireMailTokens } from '../../platform/flow/mail-token.js';
import { maskEmail } from '../../platform/mail/layout.js';
import { secretSlot } from '../../platform/mail/secrets.js';
import { createFlow, isExpired, loadFlow, otherFlowIdsOfCustomer, saveFlow } from '../../platform/flow/store.js';
import { revokeCustomerSessions } from '../../platform/auth/sessions.js';
import { takeAttempt, type ThrottlePolicy } from '../../platform/auth/throttle.js';
import { withinMailCaps } from '../../platform/mail/caps.js';
import type { LinkProblem } from '../../platform/flow/pages.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { EMAIL_CHANGE_KIND, EMAIL_CHANGE_PATH, EMAIL_CHANGE_STATES, type EmailChangeData, type EmailChangeFlow, type EmailChangeState } from './email-change.js';
import { emailChangeConfirmMail, emailChangedNoticeMail } from './mail.js';
import { checkPassword } from './password-check.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { findAccount, latestEmailChangeFlowId, updateUserId, userIdHeldByOther } from './repository.js';
import type { Refused, ServiceDeps } from './service.js';

/** Confirmation mails a day per customer (no mail bombing of someone else's address). */
export const EMAIL_CHANGE_MAIL_THROTTLE: ThrottlePolicy = { limit: 5, windowMs: 24 * 3_600_000, lockMs: 24 * 3_600_000 };

const mailKey = (customerId: string) => `settings:email-mail:${customerId}`;

class MailLimitReached extends Error {}

export type EmailRequestOutcome = 'sent' | 'mail_throttled' | Refused;

/**
 * Step 1: the current password is checked, older links are retired and a one-time link goes to
 * the NEW address in the same transaction, which also counts the request against the customer's
 * daily limit (parallel requests cannot pass it together). An address another customer holds,
 * or one past the mailbox's daily cap, gets the same answer but no mail (the screen tells
 * nothing about other accounts).
 */
export async function requestEmailChange(deps: ServiceDeps, input: { customerId: string; newEmail: string; password: string; ip: string; locale: Locale }): Promise<EmailRequestOutcome> {
  const { db, config } = deps;
  const check = await checkPassword(deps, { customerId: input.customerId, password: input.password, ip: input.ip, purpose: 'email_change' });
  if (!check.ok) return check.reason === 'wrong' ? 'wrong_password' : check.reason;
  const now = deps.clock.now();
  const taken = await userIdHeldByOther(db, input.newEmail, input.customerId);
  const ttlMs = config.verificationTtlMs;
  try {
    const mailed = await db.transaction().execute(async (trx) => {
      if (!(await takeAttempt(trx, mailKey(input.customerId), now, EMAIL_CHANGE_MAIL_THROTTLE)).allowed) throw new MailLimitReached();
      await retireMailTokens(trx, await otherFlowIdsOfCustomer(trx, input.customerId, '', EMAIL_CHANGE_KIND), now);
      const { flow } = await createFlow<EmailChangeState, EmailChangeData>(trx, {
        kind: EMAIL_CHANGE_KIND,
        state: 'mail_sent',
        data: { newEmail: input.newEmail },
        customerId: input.customerId,
        now,
        ttlMs,
      });
      const mail = !taken && (await withinMailCaps(trx, now, { to: input.newEmail, ip: input.ip }));
      if (mail) {
        const token = await issueMailToken(trx, flow.id, now, ttlMs);
        const url = `${config.baseUrl}${EMAIL_CHANGE_PATH}/confirm?token=${secretSlot('token')}`;
        await deps.mail.enqueue(trx, { ...emailChangeConfirmMail({ brand: config.brand, to: input.newEmail, url, sentAt: now, ttlMs, locale: input.locale }), secrets: { token } }, now);
      }
      await recordAudit(trx, now, { kind: 'email_change_requested', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { flowId: flow.id, to: maskEmail(input.newEmail), mailed: mail, taken } });
      return mail;
    });
    if (mailed) deps.mail.kick();
    return 'sent';
  } catch (error) {
    if (!(error instanceof MailLimitReached)) throw error;
    await recordAudit(db, now, { kind: 'email_change_throttled', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip });
    return 'mail_throttled';
  }
}

/** The newest e-mail change still waiting for its link (for the sent page and the tab). */
export async function pendingEmailChange(deps: ServiceDeps, customerId: string): Promise<EmailChangeFlow | null> {
  const id = await latestEmailChangeFlowId(deps.db, customerId, EMAIL_CHANGE_KIND, deps.clock.now());
  return id ? loadFlow<EmailChangeState, EmailChangeData>(deps.db, id, EMAIL_CHANGE_KIND, EMAIL_CHANGE_STATES) : null;
}

export type EmailLink = { flow: EmailChangeFlow; currentEmail: string; taken: boolean } | { problem: LinkProblem };

/**
 * What the link is worth for this logged-in customer, without using it. Another customer's
 * link looks like an unknown one.
 */
export async function openEmailChange(deps: ServiceDeps, customerId: string, token: unknown): Promise<EmailLink> {
  const now = deps.clock.now();
  const found = await inspectMailToken(deps.db, token, now);
  if (!found) return { problem: 'unknown' };
  const flow = await loadFlow<EmailChangeState, EmailChangeData>(deps.db, found.flowId, EMAIL_CHANGE_KIND, EMAIL_CHANGE_STATES);
  const account = await findAccount(deps.db, customerId);
  if (!flow || !account || flow.customerId !== customerId) return { problem: 'unknown' };
  if (found.status === 'consumed' || flow.state !== 'mail_sent') return { problem: 'used' };
  if (found.status === 'retired') return { problem: 'replaced' };
  if (found.status === 'expired' || isExpired(flow, now)) return { problem: 'expired' };
  return { flow, currentEmail: account.userId, taken: await userIdHeldByOther(deps.db, flow.data.newEmail, customerId) };
}

export type EmailConfirmOutcome = { outcome: 'changed'; newEmail: string } | { outcome: 'taken'; newEmail: string } | { problem: LinkProblem };

class LinkMoved extends Error {}

/**
 * 変更する: in one transaction the token is consumed, the user ID changed (refused if the
 * address became someone else's meanwhile), every session and other link of the customer
 * ended, and the notice queued to the old address.
 */
export async function confirmEmailChange(deps: ServiceDeps, input: { customerId: string; token: string; ip: string; locale: Locale }): Promise<EmailConfirmOutcome> {
  const link = await openEmailChange(deps, input.customerId, input.token);
  if ('problem' in link) return link;
  const { flow } = link;
  const { newEmail } = flow.data;
  const now = deps.clock.now();
  try {
    const outcome = await deps.db.transaction().execute(async (trx): Promise<EmailConfirmOutcome> => {
      if (!(await consumeMailToken(trx, input.token, now))) throw new LinkMoved();
      const account = await findAccount(trx, input.customerId);
      if (!account) throw new LinkMoved();
      if (await userIdHeldByOther(trx, newEmail, input.customerId)) {
        if (!(await saveFlow(trx, flow, { state: 'refused', data: flow.data, now }))) throw new LinkMoved();
        await recordAudit(trx, now, { kind: 'email_change_refused', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { flowId: flow.id, reason: 'taken' } });
        return { outcome: 'taken', newEmail };
      }
      if (!(await saveFlow(trx, flow, { state: 'completed', data: { ...flow.data, oldEmail: account.userId }, now }))) throw new LinkMoved();
      await updateUserId(trx, input.customerId, newEmail, now);
      await revokeCustomerSessions(trx, input.customerId, now);
      await retireMailTokens(trx, await otherFlowIdsOfCustomer(trx, input.customerId, flow.id), now);
      await deps.mail.enqueue(trx, emailChangedNoticeMail({ brand: deps.config.brand, to: account.userId, newEmail, at: now, locale: input.locale }), now);
      await recordAudit(trx, now, { kind: 'email_changed', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { flowId: flow.id, from: account.userId, to: newEmail } });
      return { outcome: 'changed', newEmail };
    });
    deps.mail.kick();
    return outcome;
  } catch (error) {
    if (error instanceof LinkMoved) return { problem: 'used' };
    if (isUniqueViolation(error)) return { outcome: 'taken', newEmail };
    throw error;
  }
}
