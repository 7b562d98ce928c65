import type { BrandConfig } from '../../config.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { formatDateTimeJa } from '../../platform/clock.js';
import type { ReplacedUserIdMailInput } from '../policies/account/credential-steps.js';
import { customerMail, linkMail, maskEmail, type LinkMailInput } from '../../platform/mail/layout.js';

export type RegistrationMailInput = LinkMailInput & { to: string };

/** The guide's 初回利用登録に関するご案内: what to do, the one-time URL and its deadline; never the keyword. */
export function registrationMail(input: RegistrationMailInput): MailMessage {
  return linkMail(input, '初回利用登録に関するご案内', [
    '初回利用登録を完了するために、以下のURLをクリックして画面を開いてください。',
    '開いた画面で、お申し込みの際にご指定いただいた【キーワード】を入力してください。',
    '',
    '続いて、ユーザーIDとパスワードをご指定いただきますと利用登録は完了します。',
  ]);
}

/** 再登録 to the replaced user ID: the old ID and password no longer work; the new address masked. */
export function reRegistrationNoticeMail(input: ReplacedUserIdMailInput): MailMessage {
  return customerMail(input.brand, input.to, 'お客さまWebサービス 再登録完了のお知らせ', [
    `${formatDateTimeJa(input.at)}に、お客さまWebサービスの再登録（ユーザーID・パスワードの再設定）が完了しました。`,
    `新しいユーザーID（メールアドレス）:${maskEmail(input.newUserId)}`,
    '',
    'これまでのユーザーID（本メールの宛先のメールアドレス）とパスワードは、今後ご利用いただけません。',
    'このお手続きにお心当たりのない場合は、至急、以下【お問い合わせ先】までご連絡ください。',
  ]);
}

export interface ReRegistrationHoldMailInput {
  brand: BrandConfig;
  /** The account's registered address (the current user ID). */
  to: string;
  newUserId: string;
  requestedAt: Date;
  effectiveAt: Date;
  /** The one-time 心当たりがない link. */
  url: string;
}

/** 再登録 to another address: the registered address is told before it takes effect, with the way to cancel it. */
export function reRegistrationHoldMail(input: ReRegistrationHoldMailInput): MailMessage {
  const effective = formatDateTimeJa(input.effectiveAt);
  return customerMail(input.brand, input.to, 'お客さまWebサービス 再登録のお申し込みについて', [
    `${formatDateTimeJa(input.requestedAt)}に、お客さまWebサービスの再登録（ユーザーID・パスワードの再設定）のお申し込みがありました。`,
    `新しいユーザーID（メールアドレス）:${maskEmail(input.newUserId)}`,
    '',
    `お客さまの安全のため、新しいユーザーID・パスワードは${effective}から有効になります。`,
    'それまでは、これまでのユーザーID（本メールの宛先のメールアドレス）とパスワードを引き続きご利用いただけます。有効になった後は、これまでのユーザーIDとパスワードはご利用いただけなくなります。',
    '',
    'このお申し込みに心当たりがない場合は、以下のURLを開き、「再登録を取り消す」ボタンを押してください。お申し込みを取り消します。',
    '',
    '【心当たりがない】',
    input.url,
    `※このURLはセキュリティを考慮し、一回のお手続きのみ有効となっております。${effective}を過ぎると取り消すことはできません。`,
  ]);
}
