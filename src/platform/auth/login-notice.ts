import type { BrandConfig } from '../../config.js';
import { formatDateTimeJa } from '../clock.js';
import type { Db } from '../db/database.js';
import { describeUserAgent } from '../http/user-agent.js';
import { customerMail } from '../mail/layout.js';
import type { MailMessage, MailQueue } from '../mail/outbox.js';
import { recordLoginEvent, type LoginMethod } from './login-events.js';
import { takeAttempt, type ThrottlePolicy } from './throttle.js';

/**
 * Notices a day for one account: every login from a new browser (a private window is one each time)
 * is told, but someone holding the password cannot flood the mailbox. The key is the notice's own,
 * so it never uses up the mailbox's cap that registration and recovery mail count against.
 */
export const LOGIN_NOTICE_DAILY_CAP: ThrottlePolicy = { limit: 10, windowMs: 86_400_000, lockMs: 86_400_000 };

/** How each method reads on the login history and in the notice. */
export const LOGIN_METHOD_WORDS: Record<LoginMethod, string> = {
  password: 'パスワード',
  passkey: 'パスキー',
  registration: '初回利用登録',
  recovery: 'ユーザーID・パスワード再登録',
};

export interface LoginNoticeInput {
  brand: BrandConfig;
  to: string;
  at: Date;
  userAgent: string;
  method: LoginMethod;
}

/** ログインのお知らせ: a login from a browser that had not logged in to this account before. */
export function loginNoticeMail(input: LoginNoticeInput): MailMessage {
  return customerMail(input.brand, input.to, 'ログインのお知らせ', [
    'お客さまWebサービスに、これまでログインのなかったブラウザからログインがありました。',
    '',
    `ログイン日時:${formatDateTimeJa(input.at)}（日本時間）`,
    `ブラウザ・OS:${describeUserAgent(input.userAgent)}`,
    `ログイン方法:${LOGIN_METHOD_WORDS[input.method]}`,
    '',
    'お客さまご本人によるログインであれば、このメールへのご対応は不要です。',
    'お心当たりのない場合は、第三者がお客さまのパスワードを知っているおそれがあります。至急、次のお手続きをお願いします。',
    '1. お客さまWebサービスにログインし、「各種変更の手続き」の「ログイン履歴」で「ほかの端末からすべてログアウト」を押してください。',
    '2. 「各種変更の手続き」の「パスワードの変更」で、パスワードを変更してください。',
    `ログインできない場合やご不明な点は、${input.brand.deskName}（TEL:${input.brand.deskPhone}）までご連絡ください。`,
  ]);
}

export interface SuccessfulLogin {
  customerId: string;
  /** The account's user ID (its mail address): where the notice goes. */
  userId: string;
  method: LoginMethod;
  at: Date;
  userAgent: string;
  ip: string;
  /** Whether this browser had logged in to this account before (its device cookie). */
  knownBrowser: boolean;
}

/**
 * A successful login at the login page (password or passkey): recorded in the login history and,
 * from a browser new to the account, told by mail (ログインのお知らせ; at most
 * LOGIN_NOTICE_DAILY_CAP a day). Pass the login's transaction: the mail is queued with it.
 */
export async function recordLogin(db: Db, outbox: { mail: MailQueue; brand: BrandConfig }, login: SuccessfulLogin): Promise<void> {
  await recordLoginEvent(db, { customerId: login.customerId, method: login.method, succeeded: true, at: login.at, userAgent: login.userAgent, ip: login.ip });
  if (login.knownBrowser) return;
  const cap = await takeAttempt(db, `mail:login-notice:${login.customerId}`, login.at, LOGIN_NOTICE_DAILY_CAP);
  if (!cap.allowed) return;
  await outbox.mail.enqueue(db, loginNoticeMail({ brand: outbox.brand, to: login.userId, at: login.at, userAgent: login.userAgent, method: login.method }), login.at);
}
