import type { Config } from '../../config.js';
import { recordAudit } from '../../platform/auth/audit.js';
import { customerActor } from '../../platform/auth/actor.js';
import { hashSecret, verifySecret } from '../../platform/crypto.js';
import { retireMailTokens } from '../../platform/flow/mail-token.js';
import { loadFlow, otherFlowIdsOfCustomer } from '../../platform/flow/store.js';
import { revokeCustomerSessions } from '../../platform/auth/sessions.js';
import type { MailQueue } from '../../platform/mail/outbox.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import type { WebhookQueue } from '../../platform/webhooks/outbox.js';
import { clearTemporaryPassword, temporaryPasswordOf } from '../policies/account/temporary-password.js';
import { ownPolicyNumbers } from '../policies/policy-query.js';
import { customerChangeRequests, type ChangeRequestStatus } from '../policies/processing/change-requests.js';
import type { AddressChange } from './forms.js';
import { EMAIL_CHANGE_KIND, EMAIL_CHANGE_STATES, type EmailChangeData, type EmailChangeState } from './email-change.js';
import { addressChangeReceivedMail, passwordChangedMail, serviceStoppedMail } from './mail.js';
import { checkPassword, type SettingsDeps } from './password-check.js';
import {
  closeCustomer,
  contactOnFile,
  expireCustomerFlows,
  findAccount,
  insertChangeRequest,
  latestEmailChangeFlowId,
  pendingChangeRequests,
  remindersOptedOut,
  setRemindersOptOut,
  unlinkPolicies,
  updatePasswordHash,
  type ContactOnFile,
} from './repository.js';

export interface ServiceDeps extends SettingsDeps {
  config: Config;
  mail: MailQueue;
  webhooks: WebhookQueue;
}

/** A password-checked form's outcome when the check failed. */
export type Refused = 'wrong_password' | 'throttled' | 'closed';

const refusal = (reason: 'wrong' | 'throttled' | 'closed'): Refused => (reason === 'wrong' ? 'wrong_password' : reason);

// ---- 住所・電話番号の変更

export interface AddressRequestData extends AddressChange {
  /** The policies the change is for: the customer's at the time. */
  policyNumbers: string[];
}

/** Recorded for the insurer (pending); the policies' contact data stays as the core system sent it. */
export async function requestAddressChange(deps: ServiceDeps, input: { customerId: string; change: AddressChange; ip: string; locale: Locale }): Promise<'received' | 'closed'> {
  const now = deps.clock.now();
  const done = await deps.db.transaction().execute(async (trx) => {
    const account = await findAccount(trx, input.customerId);
    if (!account) return false;
    const data: AddressRequestData = { ...input.change, policyNumbers: await ownPolicyNumbers(trx, input.customerId) };
    const requestId = await insertChangeRequest(trx, { customerId: input.customerId, kind: 'address', data, at: now });
    await deps.webhooks.enqueue(trx, { type: 'change_request.created', data: { id: requestId, kind: 'address' } }, now);
    await deps.mail.enqueue(trx, addressChangeReceivedMail({ brand: deps.config.brand, to: account.userId, at: now, locale: input.locale }), now);
    await recordAudit(trx, now, { kind: 'address_change_requested', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { requestId, policyNumbers: data.policyNumbers } });
    return true;
  });
  if (!done) return 'closed';
  deps.mail.kick();
  return 'received';
}

export interface PendingAddressChange extends AddressRequestData {
  id: string;
  receivedAt: string;
}

export async function pendingAddressChanges(deps: SettingsDeps, customerId: string): Promise<PendingAddressChange[]> {
  const rows = await pendingChangeRequests(deps.db, customerId, 'address');
  return rows.map((row) => ({ ...(JSON.parse(row.data) as AddressRequestData), id: row.id, receivedAt: row.created_at }));
}

/** A request as 各種変更の手続き lists it: what was asked, its state and the insurer's note. */
export interface RecentAddressChange {
  id: string;
  receivedAt: string;
  postalCode: string | null;
  address: string | null;
  phone: string | null;
  status: ChangeRequestStatus;
  note: string | null;
}

/** The customer's latest address requests, newest first, decided ones included. */
export async function recentAddressChanges(deps: SettingsDeps, customerId: string): Promise<RecentAddressChange[]> {
  const items = await customerChangeRequests(deps.db, customerId);
  return items
    .filter((i) => i.kind === 'address')
    .map((i) => ({ id: i.id, receivedAt: i.created_at, postalCode: i.requested.postal_code, address: i.requested.address, phone: i.requested.phone, status: i.status, note: i.note }));
}

/** What the address form starts from: the contact on file and the policies a change is for. */
export async function addressFormData(deps: SettingsDeps, customerId: string): Promise<{ onFile: ContactOnFile | null; policyNumbers: string[] }> {
  return { onFile: await contactOnFile(deps.db, customerId), policyNumbers: await ownPolicyNumbers(deps.db, customerId) };
}

/** The open account of a session's customer (null once it is closed). */
export async function openAccount(deps: SettingsDeps, customerId: string) {
  return findAccount(deps.db, customerId);
}

// ---- what the 各種変更の手続き tab shows

export interface ChangesSummary {
  userId: string;
  addressChanges: RecentAddressChange[];
  /** An e-mail change waiting for its link. */
  pendingEmail: { newEmail: string; expiresAt: Date } | null;
  /** 満期案内メール: 受け取らない chosen. */
  remindersOptOut: boolean;
}

export async function changesSummary(deps: SettingsDeps, customerId: string): Promise<ChangesSummary | null> {
  const account = await findAccount(deps.db, customerId);
  if (!account) return null;
  const flowId = await latestEmailChangeFlowId(deps.db, customerId, EMAIL_CHANGE_KIND, deps.clock.now());
  const flow = flowId ? await loadFlow<EmailChangeState, EmailChangeData>(deps.db, flowId, EMAIL_CHANGE_KIND, EMAIL_CHANGE_STATES) : null;
  return {
    userId: account.userId,
    addressChanges: await recentAddressChanges(deps, customerId),
    pendingEmail: flow ? { newEmail: flow.data.newEmail, expiresAt: flow.expiresAt } : null,
    remindersOptOut: await remindersOptedOut(deps.db, customerId),
  };
}

// ---- 満期案内メール

/** The current choice of an open account (null once it is closed). */
export async function reminderSetting(deps: SettingsDeps, customerId: string): Promise<{ optOut: boolean } | null> {
  if (!(await findAccount(deps.db, customerId))) return null;
  return { optOut: await remindersOptedOut(deps.db, customerId) };
}

/** 受け取る / 受け取らない; a change is audited with its before and after (the same choice again changes nothing). */
export async function changeReminderSetting(deps: SettingsDeps, input: { customerId: string; optOut: boolean; ip: string }): Promise<'saved' | 'closed'> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findAccount(trx, input.customerId))) return 'closed';
    if (await setRemindersOptOut(trx, input.customerId, input.optOut, now)) {
      const word = (optOut: boolean) => (optOut ? 'decline' : 'receive');
      await recordAudit(trx, now, {
        kind: 'reminder_mail_setting_changed',
        actor: customerActor(input.customerId),
        customerId: input.customerId,
        ip: input.ip,
        detail: { before: word(!input.optOut), after: word(input.optOut) },
      });
    }
    return 'saved';
  });
}

// ---- パスワードの変更

/**
 * The new password replaces the old one; every session of the customer ends (the route starts
 * a fresh one for this browser), recovery links still out stop working, and a notice is mailed.
 */
export async function changePassword(
  deps: ServiceDeps,
  input: { customerId: string; currentPassword: string; newPassword: string; ip: string; locale: Locale },
): Promise<'changed' | Refused> {
  const check = await checkPassword(deps, { customerId: input.customerId, password: input.currentPassword, ip: input.ip, purpose: 'password_change' });
  if (!check.ok) return refusal(check.reason);
  await replacePassword(deps, { customerId: input.customerId, userId: check.account.userId, newPassword: input.newPassword, ip: input.ip, locale: input.locale, audit: 'password_changed' });
  return 'changed';
}

/** In one transaction: the hash, every session ended, recovery links retired, the notice queued, the audit event. */
async function replacePassword(deps: ServiceDeps, input: { customerId: string; userId: string; newPassword: string; ip: string; locale: Locale; audit: 'password_changed' | 'temporary_password_replaced' }): Promise<void> {
  const passwordHash = await hashSecret(input.newPassword);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, input.customerId, passwordHash, now);
    await clearTemporaryPassword(trx, input.customerId);
    await revokeCustomerSessions(trx, input.customerId, now);
    await retireMailTokens(trx, await otherFlowIdsOfCustomer(trx, input.customerId, '', 'recovery'), now);
    await deps.mail.enqueue(trx, passwordChangedMail({ brand: deps.config.brand, to: input.userId, at: now, locale: input.locale }), now);
    await recordAudit(trx, now, { kind: input.audit, actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip });
  });
  deps.mail.kick();
}

/**
 * 新しいパスワードの設定 after a login with a 仮パスワード: the session proved it, so no current
 * password is asked; the new one must differ from it. Then as a password change.
 */
export async function replaceTemporaryPassword(deps: ServiceDeps, input: { customerId: string; newPassword: string; ip: string; locale: Locale }): Promise<'changed' | 'same_as_temporary' | 'not_temporary' | 'closed'> {
  const account = await findAccount(deps.db, input.customerId);
  if (!account) return 'closed';
  if (!(await temporaryPasswordOf(deps.db, input.customerId))) return 'not_temporary';
  if (await verifySecret(account.passwordHash, input.newPassword)) return 'same_as_temporary';
  await replacePassword(deps, { customerId: input.customerId, userId: account.userId, newPassword: input.newPassword, ip: input.ip, locale: input.locale, audit: 'temporary_password_replaced' });
  return 'changed';
}

// ---- お客さまWebサービスの利用停止

/**
 * The account is closed (kept for audit, its address freed), its policies unlinked (they are
 * not touched otherwise), every session and open link ended, and a notice mailed.
 */
export async function stopService(deps: ServiceDeps, input: { customerId: string; password: string; ip: string; locale: Locale }): Promise<'stopped' | Refused> {
  const check = await checkPassword(deps, { customerId: input.customerId, password: input.password, ip: input.ip, purpose: 'stop_service' });
  if (!check.ok) return refusal(check.reason);
  const now = deps.clock.now();
  const stopped = await deps.db.transaction().execute(async (trx) => {
    if (!(await closeCustomer(trx, input.customerId, now))) return false;
    const policyNumbers = await unlinkPolicies(trx, input.customerId, now);
    await revokeCustomerSessions(trx, input.customerId, now);
    await retireMailTokens(trx, await expireCustomerFlows(trx, input.customerId, now), now);
    await deps.mail.enqueue(trx, serviceStoppedMail({ brand: deps.config.brand, to: check.account.userId, at: now, locale: input.locale }), now);
    await recordAudit(trx, now, { kind: 'service_stopped', actor: customerActor(input.customerId), customerId: input.customerId, ip: input.ip, detail: { formerUserId: check.account.userId, unlinkedPolicies: policyNumbers } });
    return true;
  });
  if (!stopped) return 'closed';
  deps.mail.kick();
  return 'stopped';
}
