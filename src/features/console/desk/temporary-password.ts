import type { Config } from '../../../config.js';
import { recordAudit } from '../../../platform/auth/audit.js';
import { revokeCustomerSessions } from '../../../platform/auth/sessions.js';
import { hashSecret, sealText, unsealText } from '../../../platform/crypto.js';
import { newTemporaryPassword, saveTemporaryPassword, takeReveal, type TemporaryDelivery } from '../../policies/account/temporary-password.js';
import { actionTargetExists, countLive, liftLocks, lockBefore, openAccount, parsePersonId, type ActionOutcome, type DeskDeps, type StaffContext } from './service.js';
import { temporaryPasswordMail } from './temporary-password-mail.js';
import { isLocale } from '../../../platform/ui/i18n/locale.js';
import './audit-kinds.js';

// 仮パスワードの発行 (decision 0018): it replaces the customer's password, lifts the login locks
// and ends the sessions; shown once to the issuing operator, or mailed to the registered address.

export interface TemporaryPasswordDeps extends DeskDeps {
  config: Config;
}

const DELIVERIES: readonly TemporaryDelivery[] = ['screen', 'mail'];
export const isDelivery = (value: string): value is TemporaryDelivery => (DELIVERIES as readonly string[]).includes(value);

/** How long after issuing the one showing may happen (an operator who never opened it issues anew). */
const REVEAL_WINDOW_MS = 10 * 60_000;
const PURPOSE = 'temporary-password-reveal';
const revealContext = (customerId: string, staffId: string) => `${customerId}\n${staffId}`;

export type IssueOutcome = ActionOutcome | { kind: 'shown' };

export async function issueTemporaryPassword(deps: TemporaryPasswordDeps, staff: StaffContext, id: string, input: { reason: string; delivery: TemporaryDelivery }): Promise<IssueOutcome> {
  const now = deps.clock.now();
  const policy = deps.config.passwordPolicy;
  const target = await openAccount(deps.db, id);
  if (!target) return { kind: 'not_found' };
  const password = newTemporaryPassword(target.user_id, policy);
  const passwordHash = await hashSecret(password);
  const outcome = await deps.db.transaction().execute(async (trx): Promise<IssueOutcome> => {
    const account = await openAccount(trx, id);
    if (!account) return { kind: 'not_found' };
    if (account.suspended_at) return { kind: 'done', done: 'temporary_password_suspended' };
    const locks = await liftLocks(trx, account, now);
    const sessions = await countLive(trx, account.id, now);
    await revokeCustomerSessions(trx, account.id, now);
    const revealSealed = input.delivery === 'screen' ? sealText(deps.secret, PURPOSE, password, revealContext(account.id, staff.actor.id)) : null;
    const expiresAt = await saveTemporaryPassword(trx, { customerId: account.id, passwordHash, delivery: input.delivery, issuedBy: staff.actor.id, issuedAt: now, revealSealed });
    if (input.delivery === 'mail') await deps.mail.enqueue(trx, { ...temporaryPasswordMail({ brand: deps.config.brand, to: account.user_id, expiresAt, locale: isLocale(account.locale) ? account.locale : 'ja' }), secrets: { password } }, now);
    await recordAudit(trx, now, {
      kind: 'console_customer_temporary_password_issued',
      actor: staff.actor,
      customerId: account.id,
      ip: staff.ip,
      detail: { reason: input.reason, delivery: input.delivery, expiresAt: expiresAt.toISOString(), before: { ...lockBefore(locks), sessions }, after: { locked: false, sessions: 0, temporaryPassword: true } },
    });
    return input.delivery === 'mail' ? { kind: 'done', done: 'temporary_password_mailed' } : { kind: 'shown' };
  });
  if (outcome.kind === 'done' && outcome.done === 'temporary_password_mailed') deps.mail.kick();
  return outcome;
}

export type RevealOutcome = { kind: 'not_found' } | { kind: 'gone' } | { kind: 'shown'; password: string; expiresAt: Date };

/** The one showing to the operator who issued it; a reload, another tab or another operator gets `gone`. */
export async function revealTemporaryPassword(deps: DeskDeps, staff: StaffContext, id: string): Promise<RevealOutcome> {
  const ref = parsePersonId(id);
  if (ref?.kind !== 'customer' || !(await actionTargetExists(deps.db, id))) return { kind: 'not_found' };
  const now = deps.clock.now();
  const taken = await takeReveal(deps.db, ref.customerId, staff.actor.id, new Date(now.getTime() - REVEAL_WINDOW_MS));
  const password = taken ? unsealText(deps.secret, PURPOSE, taken.sealed, revealContext(ref.customerId, staff.actor.id)) : null;
  if (!taken || password === null) return { kind: 'gone' };
  await recordAudit(deps.db, now, { kind: 'console_customer_temporary_password_shown', actor: staff.actor, customerId: ref.customerId, ip: staff.ip, detail: { expiresAt: taken.expiresAt.toISOString() } });
  return { kind: 'shown', password, expiresAt: taken.expiresAt };
}
