import type { AppDeps } from '../../platform/deps.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { hashSecret, verifySecret } from '../../platform/crypto.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { consumeMailToken, inspectMailToken, retireMailTokens } from '../../platform/flow/mail-token.js';
import { countKeywordAttempt, isExpired, loadFlow, otherFlowIdsOfCustomer, saveFlow, type Flow } from '../../platform/flow/store.js';
import { holdAnswer, takeAttempts, type Gate, type ThrottlePolicy } from '../../platform/auth/throttle.js';
import type { LinkProblem } from '../../platform/flow/pages.js';
import { userIdTaken } from '../policies/account/repository.js';
import { normalizeEmail } from '../../platform/text.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { KEYWORD_ATTEMPTS, STEP_TTL_MS, type CredentialData, type CredentialFlowSpec, type CredentialState } from '../policies/account/credential-steps.js';

/** Keyword attempts from one address, over every flow, counted before the check: slow down, then lock. */
export const KEYWORD_IP_THROTTLE: ThrottlePolicy = { limit: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000, slowAfter: 5 };

type AnyFlow<X extends string, D> = Flow<X | CredentialState, D>;

class FlowMoved extends Error {}
class UserIdTaken extends Error {}


/** The flow behind a mail link, if the link can still be used; it is not consumed here. */
export async function openLink<X extends string, D extends CredentialData>(
  deps: AppDeps,
  spec: CredentialFlowSpec<X, D>,
  token: unknown,
): Promise<{ flow: AnyFlow<X, D> } | { problem: LinkProblem }> {
  const now = deps.clock.now();
  const found = await inspectMailToken(deps.db, token, now);
  if (!found) return { problem: 'unknown' };
  const flow = await loadFlow<X | CredentialState, D>(deps.db, found.flowId, spec.kind, spec.states);
  if (!flow) return { problem: 'unknown' };
  if (flow.state === 'burned') return { problem: 'burned' };
  if (found.status === 'consumed') return { problem: 'used' };
  if (found.status === 'retired') return { problem: 'replaced' };
  if (found.status === 'expired' || isExpired(flow, now)) return { problem: 'expired' };
  return flow.state === 'mail_sent' ? { flow } : { problem: 'used' };
}

export type KeywordOutcome =
  | { outcome: 'ok'; flowId: string; browserKey: string }
  | { outcome: 'wrong'; remaining: number }
  | { outcome: 'invalid'; problem: LinkProblem }
  | { outcome: 'throttled' };

/**
 * The keyword typed at the mail link. The attempt is counted (per address and on the flow)
 * before the keyword is checked, so parallel guesses get no more checks than the limit. Right:
 * the token is consumed (conditional update) and the flow is bound to this browser. Wrong: the
 * fifth attempt burns the link.
 */
export async function verifyKeyword<X extends string, D extends CredentialData>(
  deps: AppDeps,
  spec: CredentialFlowSpec<X, D>,
  input: { token: string; keyword: string; ip: string },
): Promise<KeywordOutcome> {
  const { db, clock } = deps;
  const started = performance.now();
  const now = clock.now();
  const gate = await takeAttempts(db, now, [{ key: `keyword:ip:${input.ip}`, policy: KEYWORD_IP_THROTTLE }]);
  if (!gate.allowed) {
    await recordAudit(db, now, { kind: 'keyword_throttled', actor: null, ip: input.ip, detail: { flow: spec.kind } });
    await holdAnswer(started, gate.holdMs);
    return { outcome: 'throttled' };
  }
  const link = await openLink(deps, spec, input.token);
  if ('problem' in link) return { outcome: 'invalid', problem: link.problem };
  const { flow } = link;
  const attempt = await countKeywordAttempt(db, flow.id, 'mail_sent', now);
  if (attempt === null) return { outcome: 'invalid', problem: 'used' };
  if (attempt > KEYWORD_ATTEMPTS) return burn(deps, spec, flow, input.ip, started, gate);
  const right = flow.keywordHash !== null && (await verifySecret(flow.keywordHash, input.keyword));
  if (!right) {
    if (attempt === KEYWORD_ATTEMPTS) return burn(deps, spec, flow, input.ip, started, gate);
    await recordAudit(db, now, { kind: 'keyword_failed', actor: null, customerId: flow.customerId, ip: input.ip, detail: { flow: spec.kind, flowId: flow.id, failures: attempt } });
    await holdAnswer(started, gate.holdMs);
    return { outcome: 'wrong', remaining: KEYWORD_ATTEMPTS - attempt };
  }
  try {
    const browserKey = await db.transaction().execute(async (trx) => {
      // The flow row first, then the token: the order a burning keyword takes (no deadlock between them).
      const saved = await saveFlow(trx, flow, { state: 'verified', data: withoutKeyword(flow.data), now, ttlMs: STEP_TTL_MS, rebind: true });
      if (!saved?.browserKey || !(await consumeMailToken(trx, input.token, now))) throw new FlowMoved();
      await recordAudit(trx, now, { kind: spec.keywordVerifiedEvent, actor: null, customerId: flow.customerId, ip: input.ip, detail: { flowId: flow.id } });
      return saved.browserKey;
    });
    return { outcome: 'ok', flowId: flow.id, browserKey };
  } catch (error) {
    if (error instanceof FlowMoved) return { outcome: 'invalid', problem: 'used' };
    throw error;
  }
}

function withoutKeyword<D extends CredentialData>(data: D): D {
  const copy = { ...data };
  delete copy.keywordSealed;
  return copy;
}

/** The last allowed keyword was wrong (or a burst went past it): the link is burned. */
async function burn<X extends string, D extends CredentialData>(
  deps: AppDeps,
  spec: CredentialFlowSpec<X, D>,
  flow: AnyFlow<X, D>,
  ip: string,
  started: number,
  gate: Gate,
): Promise<KeywordOutcome> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const burned = await saveFlow(trx, flow, { state: 'burned', data: withoutKeyword(flow.data), now });
    await retireMailTokens(trx, [flow.id], now);
    if (burned) await recordAudit(trx, now, { kind: 'link_burned', actor: null, customerId: flow.customerId, ip, detail: { flow: spec.kind, flowId: flow.id } });
  });
  await holdAnswer(started, gate.holdMs);
  return { outcome: 'invalid', problem: 'burned' };
}

/**
 * The user ID must be the address the one-time mail reached (NFKC, lower case): otherwise anyone
 * could claim another person's address and block its owner.
 */
export const isMailedAddress = (data: CredentialData, userId: string): boolean => normalizeEmail(userId) === normalizeEmail(data.suggestedUserId);

export type SaveOutcome = 'ok' | 'taken' | 'not_mailed' | 'moved';

/** The ID/password step: the password is kept only as its argon2id hash until completion. */
export async function saveCredentials<X extends string, D extends CredentialData>(
  deps: AppDeps,
  spec: CredentialFlowSpec<X, D>,
  flow: AnyFlow<X, D>,
  input: { userId: string; password: string },
): Promise<SaveOutcome> {
  if (!isMailedAddress(flow.data, input.userId)) return 'not_mailed';
  if (await userIdTaken(deps.db, input.userId, await spec.ownCustomerId(deps.db, flow))) return 'taken';
  const passwordHash = await hashSecret(input.password);
  const data: D = { ...flow.data, credentials: { userId: input.userId, passwordHash } };
  const saved = await saveFlow(deps.db, flow, { state: 'credentials_confirming', data, now: deps.clock.now() });
  return saved ? 'ok' : 'moved';
}

/**
 * Completion in one transaction: the flow is claimed, the customer written, the hash dropped
 * from the flow, the customer's other open mail links retired, and a replaced user ID told.
 * A held completion (再登録 to another address) changes no account and logs nobody in.
 * The mails go out in `locale`, the language of the completing request.
 */
export async function completeCredentials<X extends string, D extends CredentialData>(
  deps: AppDeps,
  spec: CredentialFlowSpec<X, D>,
  flow: AnyFlow<X, D>,
  ip: string,
  locale: Locale = 'ja',
): Promise<{ customerId: string } | { held: X } | 'taken' | 'not_mailed' | 'moved'> {
  const credentials = flow.data.credentials;
  if (!credentials) return 'moved';
  if (!isMailedAddress(flow.data, credentials.userId)) return 'not_mailed';
  const now = deps.clock.now();
  try {
    const result = await deps.db.transaction().execute(async (trx): Promise<{ customerId: string; held?: X; mailed: boolean }> => {
      const data: D = { ...flow.data };
      delete data.credentials;
      if (!(await saveFlow(trx, flow, { state: 'completed', data, now, ttlMs: STEP_TTL_MS }))) throw new FlowMoved();
      if (await userIdTaken(trx, credentials.userId, await spec.ownCustomerId(trx, flow))) throw new UserIdTaken();
      const done = await spec.complete(trx, flow, credentials, now, ip, deps, locale);
      if ('heldState' in done) {
        // Nothing of the account changes yet; the hold queued its own notice to the registered address.
        await trx.updateTable('flows').set({ customer_id: done.customerId, state: done.heldState }).where('id', '=', flow.id).execute();
        return { customerId: done.customerId, held: done.heldState, mailed: true };
      }
      const { customerId, previousUserId } = done;
      await trx.updateTable('flows').set({ customer_id: customerId }).where('id', '=', flow.id).execute();
      // New credentials: links still out for this customer (registration or recovery) stop working.
      await retireMailTokens(trx, await otherFlowIdsOfCustomer(trx, customerId, flow.id), now);
      const notice = previousUserId !== null && normalizeEmail(previousUserId) !== normalizeEmail(credentials.userId);
      if (notice) await deps.mail.enqueue(trx, spec.replacedUserIdMail({ brand: deps.config.brand, to: previousUserId, newUserId: credentials.userId, at: now, locale }), now);
      return { customerId, mailed: notice };
    });
    if (result.mailed) deps.mail.kick();
    return result.held === undefined ? { customerId: result.customerId } : { held: result.held };
  } catch (error) {
    if (error instanceof FlowMoved) return 'moved';
    // The unique index decides when another completion took the ID after the check above.
    if (error instanceof UserIdTaken || isUniqueViolation(error)) return 'taken';
    throw error;
  }
}
