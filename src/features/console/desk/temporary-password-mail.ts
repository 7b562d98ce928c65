import type { BrandConfig } from '../../../config.js';
import { formatDateTimeJa } from '../../../platform/clock.js';
import { mailFooter } from '../../../platform/mail/layout.js';
import type { MailMessage } from '../../../platform/mail/outbox.js';
import { secretSlot } from '../../../platform/mail/secrets.js';

/** 仮パスワードのお知らせ: the password only in the outbox's sealed slot, filled in at delivery. */
export function temporaryPasswordMail(input: { brand: BrandConfig; to: string; expiresAt: Date }): MailMessage {
  const text = [
    `${input.brand.name}「お客さまWebサービス」をご利用いただきありがとうございます。`,
    '',
    'お申し出により、お客さまWebサービスの仮パスワードを発行しました。',
    'これまでのパスワードは使えなくなりました。',
    '',
    `仮パスワード:${secretSlot('password')}`,
    `有効期限:${formatDateTimeJa(input.expiresAt)}まで（発行から72時間）`,
    '',
    'ログイン画面で、ユーザーID（ご登録のメールアドレス）と仮パスワードを入力してログインしてください。',
    'ログイン後、新しいパスワードを設定していただきます。',
    '有効期限を過ぎた場合は、お手数ですが、以下【お問い合わせ先】までお電話ください。',
    '',
    mailFooter(input.brand),
    '',
  ].join('\n');
  return { to: input.to, subject: `【${input.brand.name}】仮パスワードのお知らせ`, text };
}
