import type { MailMessage } from '../../platform/mail/outbox.js';
import { linkMail, type LinkMailInput } from '../credentials/mail.js';

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
