import type { BrandConfig } from '../../config.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { linkBlock, mailFooter } from '../credentials/mail.js';

export interface RecoveryMailInput {
  brand: BrandConfig;
  to: string;
  url: string;
  sentAt: Date;
  ttlMs: number;
}

/** The re-registration mail of the forgotten-ID steps: the URL, never the keyword. */
export function recoveryMail(input: RecoveryMailInput): MailMessage {
  const { brand } = input;
  const text = [
    `${brand.name}「お客さまWebサービス」をご利用いただきありがとうございます。`,
    '',
    'ユーザーID・パスワードの再登録を完了するために、以下のURLをクリックして画面を開いてください。',
    '開いた画面で、お手続きの際に画面に表示された【キーワード】を入力してください（キーワードは本メールには記載していません）。',
    '',
    '続いて、新しいユーザーIDとパスワードをご指定いただきますと再登録は完了します。',
    '',
    linkBlock(input),
    '',
    mailFooter(brand),
    '',
  ].join('\n');
  return { to: input.to, subject: `【${brand.name}】ユーザーID・パスワード再登録に関するご案内`, text };
}
