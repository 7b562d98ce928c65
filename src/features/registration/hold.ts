import { recordAudit } from '../../platform/auth/audit.js';
import { SYSTEM } from '../../platform/auth/actor.js';
import { newId, randomToken, sha256 } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { retireMailTokens } from '../../platform/flow/mail-token.js';
import { secretSlot } from '../../platform/mail/secrets.js';
import { otherFlowIdsOfCustomer } from '../../platform/flow/store.js';
import type { AppDeps } from '../../platform/deps.js';
import { isLocale } from '../../platform/ui/i18n/locale.js';
import { revokeCustomerSessions } from '../../platform/auth/sessions.js';
import type { NewCredentials } from '../policies/account/credential-steps.js';
import { normalizeEmail } from '../../platform/text.js';
import { replaceCredentials } from '../policies/account/repository.js';
import { userIdTaken } from '../policies/account/repository.js';
import {
  cancelByToken,
  claimDueHold,
  dueHoldIds,
  dueHoldIdsFor,
  findHoldAccount,
  findHoldByCancelToken,
  findHoldOfFlow,
  insertHold,
  resolvePendingOfCustomer,
  setHoldStatus,
  type Hold,
  type HoldStatus,
} from './hold-repository.js';
import { reRegistrationHoldMail, reRegistrationNoticeMail } from './mail.js';
import { linkHolderPolicies } from './repository.js';

/**
 * 再登録の保留 (docs/decisions/0005-reregistration-hold.md): a re-registration to another address
 * than the account's waits REREGISTRATION_HOLD; the registered address is told and may cancel.
 * A due hold is applied by the hourly `reregistration-holds` job, or sooner by the first login
 * attempt naming its new user ID or the account's current one; each in one transaction, claimed
 * by a conditional update, so only one of them applies it.
 */

export const CANCEL_PATH = '/register/cancel';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const MINUTE = 60_000;

/** The hold's end, rounded up to a whole minute so the time the pages and mail state is exact. */
export const holdEnd = (at: Date, holdMs: number): Date => new Date(Math.ceil((at.getTime() + holdMs) / MINUTE) * MINUTE);

/** Whether this 再登録 must wait: the account exists and the new user ID is not its own. */
export const needsHold = (currentUserId: string, newUserId: string): boolean => normalizeEmail(currentUserId) !== normalizeEmail(newUserId);

/**
 * In the completing transaction: the pending credentials are kept (only the password's hash),
 * a pending hold of the same customer is replaced, and the registered address gets the notice
 * with the one-time 心当たりがない link, in the account's language (customers.locale): it may be the owner
 * who did not ask for it, so not in the language of whoever completed the request. The account itself is not touched.
 */
export async function startHold(
  trx: Db,
  deps: Pick<AppDeps, 'config' | 'mail'>,
  input: { customerId: string; currentUserId: string; flowId: string; credentials: NewCredentials; at: Date; ip: string; accountLocale: string },
): Promise<{ holdId: string; effectiveAt: Date }> {
  const { config } = deps;
  const { at } = input;
  const replacedHoldId = await resolvePendingOfCustomer(trx, input.customerId, 'replaced', at);
  const token = randomToken();
  const id = newId();
  const effectiveAt = holdEnd(at, config.reregistrationHoldMs);
  await insertHold(trx, {
    id,
    customerId: input.customerId,
    flowId: input.flowId,
    userId: input.credentials.userId,
    passwordHash: input.credentials.passwordHash,
    cancelTokenHash: sha256(token),
    createdAt: at,
    effectiveAt,
  });
  const url = `${config.baseUrl}${CANCEL_PATH}?token=${secretSlot('token')}`;
  const locale = isLocale(input.accountLocale) ? input.accountLocale : 'ja';
  await deps.mail.enqueue(trx, { ...reRegistrationHoldMail({ brand: config.brand, to: input.currentUserId, newUserId: input.credentials.userId, requestedAt: at, effectiveAt, url, locale }), secrets: { token } }, at);
  await recordAudit(trx, at, {
    kind: 'reregistration_hold_started',
    actor: null,
    customerId: input.customerId,
    ip: input.ip,
    detail: { holdId: id, flowId: input.flowId, effectiveAt: effectiveAt.toISOString(), replacedHoldId },
  });
  return { holdId: id, effectiveAt };
}

/** A 再登録 that took effect at once (the account's own address) voids a pending hold. */
export async function voidPendingHold(trx: Db, customerId: string, at: Date, ip: string, flowId: string): Promise<void> {
  const holdId = await resolvePendingOfCustomer(trx, customerId, 'replaced', at);
  if (holdId) await recordAudit(trx, at, { kind: 'reregistration_hold_replaced', actor: null, customerId, ip, detail: { holdId, flowId } });
}

/**
 * Before a login is checked: every hold due for this user ID (new or current) takes effect.
 * After it the old user ID and password no longer log in, and the new ones do.
 */
export async function applyDueHolds(deps: AppDeps, userId: string, ip: string): Promise<void> {
  const now = deps.clock.now();
  await applyHolds(deps, await dueHoldIdsFor(deps.db, userId, now), now, ip);
}

const HOLDS_PER_BATCH = 200;

/** What applying a hold needs (the job has no request, and no webhooks to send). */
export type HoldDeps = Pick<AppDeps, 'config' | 'db' | 'clock' | 'mail'>;

/**
 * The `reregistration-holds` job: every due hold takes effect, whether or not anyone logs in
 * (the 再登録完了 notice goes out at the time the first mail stated). Batches of 200.
 */
export async function applyAllDueHolds(deps: HoldDeps, signal?: AbortSignal): Promise<number> {
  let applied = 0;
  while (!signal?.aborted) {
    const now = deps.clock.now();
    const ids = await dueHoldIds(deps.db, now, HOLDS_PER_BATCH);
    applied += await applyHolds(deps, ids, now, null);
    if (ids.length < HOLDS_PER_BATCH) break;
  }
  return applied;
}

/** Applies the holds, each in its own transaction; returns how many took effect. */
async function applyHolds(deps: HoldDeps, ids: string[], now: Date, ip: string | null): Promise<number> {
  let applied = 0;
  let mailed = false;
  for (const id of ids) {
    try {
      const outcome = await deps.db.transaction().execute((trx) => applyHold(trx, deps, id, now, ip));
      if (outcome !== 'not_applied') applied += 1;
      if (outcome === 'mailed') mailed = true;
    } catch (error) {
      // The new user ID became another customer's between the check and the update: the next attempt refuses the hold.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  if (mailed) deps.mail.kick();
  return applied;
}

/** One hold, once: the conditional update claims it; says whether it took effect and a notice was queued. */
async function applyHold(trx: Db, deps: HoldDeps, id: string, now: Date, ip: string | null): Promise<'not_applied' | 'applied' | 'mailed'> {
  const hold = await claimDueHold(trx, id, now);
  if (!hold?.passwordHash) return 'not_applied';
  const account = await findHoldAccount(trx, hold.customerId);
  if (!account || (await userIdTaken(trx, hold.userId, hold.customerId))) {
    await setHoldStatus(trx, id, 'refused');
    await recordAudit(trx, now, { kind: 'reregistration_hold_refused', actor: SYSTEM, customerId: hold.customerId, ip, detail: { holdId: id, reason: 'user_id_taken' } });
    return 'not_applied';
  }
  const previousUserId = await replaceCredentials(trx, hold.customerId, { userId: hold.userId, passwordHash: hold.passwordHash }, now);
  await revokeCustomerSessions(trx, hold.customerId, now);
  const linked = await linkHolderPolicies(trx, hold.customerId, account.holder, now);
  // New credentials: links still out for this customer (registration or recovery) stop working.
  await retireMailTokens(trx, await otherFlowIdsOfCustomer(trx, hold.customerId, hold.flowId), now);
  await recordAudit(trx, now, { kind: 'reregistration_hold_applied', actor: SYSTEM, customerId: hold.customerId, ip, detail: { holdId: id, flowId: hold.flowId, linkedPolicies: linked } });
  if (!needsHold(previousUserId, hold.userId)) return 'applied';
  // No request here (the job, or a login naming the user ID): the notice in the customer's language.
  const locale = isLocale(account.locale) ? account.locale : 'ja';
  await deps.mail.enqueue(trx, reRegistrationNoticeMail({ brand: deps.config.brand, to: previousUserId, newUserId: hold.userId, at: now, locale }), now);
  return 'mailed';
}

/** Why the 心当たりがない link cannot cancel (any more). */
export type CancelProblem = 'unknown' | 'used' | 'replaced' | 'in_effect';

export type CancelLink = { hold: Hold } | { problem: CancelProblem };

const problemOf = (hold: Hold, now: Date): CancelProblem | null => {
  const byStatus: Record<HoldStatus, CancelProblem | null> = { pending: null, cancelled: 'used', applied: 'in_effect', replaced: 'replaced', refused: 'replaced' };
  const problem = byStatus[hold.status];
  if (problem) return problem;
  return hold.effectiveAt.getTime() <= now.getTime() ? 'in_effect' : null;
};

/** What the link is worth now, without using it (a link scanner's GET cancels nothing). */
export async function openCancelLink(deps: Pick<AppDeps, 'db' | 'clock'>, token: unknown): Promise<CancelLink> {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return { problem: 'unknown' };
  const hold = await findHoldByCancelToken(deps.db, sha256(token));
  if (!hold) return { problem: 'unknown' };
  const problem = problemOf(hold, deps.clock.now());
  return problem ? { problem } : { hold };
}

/** 再登録を取り消す: the pending credentials are discarded once; a second use says it was used. */
export async function cancelHold(deps: Pick<AppDeps, 'db' | 'clock'>, input: { token: unknown; ip: string }): Promise<CancelLink> {
  const token = typeof input.token === 'string' ? input.token : '';
  const link = await openCancelLink(deps, token);
  if ('problem' in link) return link;
  const now = deps.clock.now();
  const cancelled = await deps.db.transaction().execute(async (trx) => {
    const hold = await cancelByToken(trx, sha256(token), now);
    if (hold) await recordAudit(trx, now, { kind: 'reregistration_hold_cancelled', actor: null, customerId: hold.customerId, ip: input.ip, detail: { holdId: hold.id, flowId: hold.flowId } });
    return hold;
  });
  if (cancelled) return { hold: cancelled };
  // Another request used the link meanwhile: say what it is now.
  const after = await openCancelLink(deps, token);
  return 'problem' in after ? after : { problem: 'used' };
}

/** For the held page: the registration flow's hold as it is now. */
export const holdOfFlow = (db: Db, flowId: string): Promise<Hold | null> => findHoldOfFlow(db, flowId);
