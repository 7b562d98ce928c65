import { brandIn, type BrandConfig } from '../../config.js';
import type { Db } from '../db/database.js';
import { describeUserAgent } from '../http/user-agent.js';
import { customerMail } from '../mail/layout.js';
import type { MailMessage, MailQueue } from '../mail/outbox.js';
import { defineCatalogue } from '../ui/i18n/catalogue.js';
import { formatDateTime } from '../ui/i18n/format.js';
import type { Locale } from '../ui/i18n/locale.js';
import { recordLoginEvent, type LoginMethod } from './login-events.js';
import { takeAttempt, type ThrottlePolicy } from './throttle.js';

/**
 * Notices a day for one account: every login from a new browser (a private window is one each time)
 * is told, but someone holding the password cannot flood the mailbox. The key is the notice's own,
 * so it never uses up the mailbox's cap that registration and recovery mail count against.
 */
export const LOGIN_NOTICE_DAILY_CAP: ThrottlePolicy = { limit: 10, windowMs: 86_400_000, lockMs: 86_400_000 };

const METHOD_WORDS: Readonly<Record<Locale, Record<LoginMethod, string>>> = {
  ja: { password: 'パスワード', passkey: 'パスキー', registration: '初回利用登録', recovery: 'ユーザーID・パスワード再登録' },
  en: { password: 'Password', passkey: 'Passkey', registration: 'First-time registration', recovery: 'User ID and password reset' },
};

/** How each method reads on the login history and in the notice, in a language. */
export const loginMethodWords = (method: LoginMethod, locale: Locale): string => METHOD_WORDS[locale][method];

const noticeMessages = defineCatalogue(
  'platform/auth/login-notice',
  {
    subject: 'ログインのお知らせ',
    intro: 'お客さまWebサービスに、これまでログインのなかったブラウザからログインがありました。',
    at: (p: { at: string }) => `ログイン日時:${p.at}（日本時間）`,
    browser: (p: { browser: string }) => `ブラウザ・OS:${p.browser}`,
    method: (p: { method: string }) => `ログイン方法:${p.method}`,
    ifYou: 'お客さまご本人によるログインであれば、このメールへのご対応は不要です。',
    ifNotYou: 'お心当たりのない場合は、第三者がお客さまのパスワードを知っているおそれがあります。至急、次のお手続きをお願いします。',
    step1: '1. お客さまWebサービスにログインし、「各種変更の手続き」の「ログイン履歴」で「ほかの端末からすべてログアウト」を押してください。',
    step2: '2. 「各種変更の手続き」の「パスワードの変更」で、パスワードを変更してください。',
    desk: (p: { desk: string; phone: string }) => `ログインできない場合やご不明な点は、${p.desk}（TEL:${p.phone}）までご連絡ください。`,
  },
  {
    subject: 'New login to your account',
    intro: 'Someone logged in to the Customer Web Service from a browser that had not been used with your account before.',
    // formatDateTime in English says (JST) itself.
    at: (p: { at: string }) => `Date and time: ${p.at}`,
    browser: (p: { browser: string }) => `Browser / OS: ${p.browser}`,
    method: (p: { method: string }) => `Login method: ${p.method}`,
    ifYou: 'If this was you, you do not need to do anything.',
    ifNotYou: 'If it was not you, someone else may know your password. Please do the following at once:',
    step1: '1. Log in to the Customer Web Service, open “Changes”, then “Login history”, and press “Log out all other devices”.',
    step2: '2. Under “Changes”, use “Change of password” to change your password.',
    desk: (p: { desk: string; phone: string }) => `If you cannot log in or have any questions, please call our ${p.desk} (Tel: ${p.phone}).`,
  },
);

export interface LoginNoticeInput {
  brand: BrandConfig;
  to: string;
  at: Date;
  userAgent: string;
  method: LoginMethod;
  /** The login's language (the request's); Japanese when not given. */
  locale?: Locale;
}

/** ログインのお知らせ: a login from a browser that had not logged in to this account before. */
export function loginNoticeMail(input: LoginNoticeInput): MailMessage {
  const locale = input.locale ?? 'ja';
  const m = noticeMessages.of(locale);
  const brand = brandIn(input.brand, locale);
  return customerMail(
    input.brand,
    input.to,
    m.subject,
    [
      m.intro,
      '',
      m.at({ at: formatDateTime(locale, input.at) }),
      m.browser({ browser: describeUserAgent(input.userAgent, locale) }),
      m.method({ method: loginMethodWords(input.method, locale) }),
      '',
      m.ifYou,
      m.ifNotYou,
      m.step1,
      m.step2,
      m.desk({ desk: brand.deskName, phone: brand.deskPhone }),
    ],
    locale,
  );
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
  /** The login's language (the request's): the notice is written in it; Japanese when not given. */
  locale?: Locale;
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
  await outbox.mail.enqueue(db, loginNoticeMail({ brand: outbox.brand, to: login.userId, at: login.at, userAgent: login.userAgent, method: login.method, locale: login.locale }), login.at);
}
