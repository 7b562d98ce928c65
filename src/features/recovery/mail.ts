import type { MailMessage } from '../../platform/mail/outbox.js';
import { linkMail, type LinkMailInput } from '../credentials/mail.js';

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
