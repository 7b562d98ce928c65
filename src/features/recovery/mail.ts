import type { MailMessage } from '../../platform/mail/outbox.js';
import { formatDateTimeJa } from '../../platform/clock.js';
import type { ReplacedUserIdMailInput } from '../policies/account/credential-steps.js';
import { customerMail, linkMail, maskEmail, type LinkMailInput } from '../../platform/mail/layout.js';

export type RecoveryMailInput = LinkMailInput & { to: string };

/** The re-registration mail of the forgotten-ID steps: the URL, never the keyword. */
export function recoveryMail(input: RecoveryMailInput): MailMessage {
  return linkMail(input, 'ユーザーID・パスワード再登録に関するご案内', [
    'ユーザーID・パスワードの再登録を完了するために、以下のURLをクリックして画面を開いてください。',
    '開いた画面で、お手続きの際に画面に表示された【キーワード】を入力してください（キーワードは本メールには記載していません）。',
    '',
    '続いて、新しいユーザーIDとパスワードをご指定いただきますと再登録は完了します。',
  ]);
}

/** To the replaced user ID when a recovery changed it: the old ID no longer works; the new address masked. */
export function userIdChangedNoticeMail(input: ReplacedUserIdMailInput): MailMessage {
  return customerMail(input.brand, input.to, 'ユーザーID変更のお知らせ', [
    `${formatDateTimeJa(input.at)}に、お客さまWebサービスのユーザーID・パスワードの再登録により、ユーザーIDが変更されました。`,
    `変更後のユーザーID（メールアドレス）:${maskEmail(input.newUserId)}`,
    '',
    'これまでのユーザーID（本メールの宛先のメールアドレス）とパスワードは、今後ご利用いただけません。',
    'このお手続きにお心当たりのない場合は、至急、以下【お問い合わせ先】までご連絡ください。',
  ]);
}

/** To the account's (new) user ID when a recovery lifted 「パスワードでのログインを停止する」 (decision 0022). */
export function passwordLoginResumedMail(input: { brand: ReplacedUserIdMailInput['brand']; to: string; at: Date }): MailMessage {
  return customerMail(input.brand, input.to, 'パスワードでのログイン再開のお知らせ', [
    `${formatDateTimeJa(input.at)}に、お客さまWebサービスのユーザーID・パスワードの再登録により、停止していたパスワードでのログインが再開されました。`,
    '登録済みのパスキーは、引き続きご利用いただけます。パスワードでのログインを再び停止するには、ログイン後「各種変更の手続き」→「ログイン方法」からお手続きください。',
    '',
    'このお手続きにお心当たりのない場合は、至急、以下【お問い合わせ先】までご連絡ください。',
  ]);
}
