import type { BrandConfig } from '../../config.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { linkBlock, mailFooter } from '../credentials/mail.js';

export interface RegistrationMailInput {
  brand: BrandConfig;
  to: string;
  url: string;
  sentAt: Date;
  ttlMs: number;
}

/** The guide's 初回利用登録に関するご案内: what to do, the one-time URL and its deadline; never the keyword. */
export function registrationMail(input: RegistrationMailInput): MailMessage {
  const { brand } = input;
  const text = [
    `${brand.name}「お客さまWebサービス」をご利用いただきありがとうございます。`,
    '',
    '初回利用登録を完了するために、以下のURLをクリックして画面を開いてください。',
    '開いた画面で、お申し込みの際にご指定いただいた【キーワード】を入力してください。',
    '',
    '続いて、ユーザーIDとパスワードをご指定いただきますと利用登録は完了します。',
    '',
    linkBlock(input),
    '',
    mailFooter(brand),
    '',
  ].join('\n');
  return { to: input.to, subject: `【${brand.name}】初回利用登録に関するご案内`, text };
}
