import type { BrandConfig } from '../../../config.js';
import { defineCatalogue } from '../../../platform/ui/i18n/catalogue.js';
import { formatDateTime } from '../../../platform/ui/i18n/format.js';
import type { Locale } from '../../../platform/ui/i18n/locale.js';
import { customerMail } from '../../../platform/mail/layout.js';
import type { MailMessage } from '../../../platform/mail/outbox.js';
import { secretSlot } from '../../../platform/mail/secrets.js';

const mailMessages = defineCatalogue(
  'console/temporary-password-mail',
  {
    subject: '仮パスワードのお知らせ',
    issued: 'お申し出により、お客さまWebサービスの仮パスワードを発行しました。',
    oldGone: 'これまでのパスワードは使えなくなりました。',
    password: (p: { slot: string }) => `仮パスワード:${p.slot}`,
    expires: (p: { at: string }) => `有効期限:${p.at}まで（発行から72時間）`,
    howTo: 'ログイン画面で、ユーザーID（ご登録のメールアドレス）と仮パスワードを入力してログインしてください。',
    thenNew: 'ログイン後、新しいパスワードを設定していただきます。',
    expired: '有効期限を過ぎた場合は、お手数ですが、以下【お問い合わせ先】までお電話ください。',
  },
  {
    subject: 'Your temporary password',
    issued: 'As you asked, we have issued a temporary password (仮パスワード) for the Customer Web Service.',
    oldGone: 'Your previous password no longer works.',
    password: (p: { slot: string }) => `Temporary password: ${p.slot}`,
    expires: (p: { at: string }) => `Valid until: ${p.at} (72 hours after issue)`,
    howTo: 'On the login page, enter your user ID (your registered e-mail address) and the temporary password.',
    thenNew: 'After logging in you will set a new password.',
    expired: 'If it has expired, please call us (contact details below).',
  },
);

/** 仮パスワードのお知らせ, in the customer's language: the password only in the outbox's sealed slot, filled in at delivery. */
export function temporaryPasswordMail(input: { brand: BrandConfig; to: string; expiresAt: Date; locale?: Locale }): MailMessage {
  const locale = input.locale ?? 'ja';
  const m = mailMessages.of(locale);
  const lines = [m.issued, m.oldGone, '', m.password({ slot: secretSlot('password') }), m.expires({ at: formatDateTime(locale, input.expiresAt) }), '', m.howTo, m.thenNew, m.expired];
  return customerMail(input.brand, input.to, m.subject, lines, locale);
}
