import type { BrandConfig } from '../../config.js';
import { formatDateTimeJa } from '../../platform/clock.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { linkBlock, mailFooter, maskEmail } from '../../platform/mail/layout.js';

const greeting = (brand: BrandConfig) => `${brand.name}「お客さまWebサービス」をご利用いただきありがとうございます。`;

const mail = (brand: BrandConfig, to: string, subject: string, lines: string[]): MailMessage => ({
  to,
  subject: `【${brand.name}】${subject}`,
  text: [greeting(brand), '', ...lines, '', mailFooter(brand), ''].join('\n'),
});

export interface EmailChangeMailInput {
  brand: BrandConfig;
  to: string;
  url: string;
  sentAt: Date;
  ttlMs: number;
}

/** To the NEW address: the one-time link that makes it the user ID. */
export function emailChangeConfirmMail(input: EmailChangeMailInput): MailMessage {
  return mail(input.brand, input.to, 'メールアドレス変更のご確認', [
    'メールアドレス（ユーザーID）の変更のお申し出を受け付けました。',
    '変更を完了するために、以下のURLをクリックして画面を開き、「変更する」ボタンを押してください。',
    '画面を開く際にログインを求められた場合は、変更前のユーザーID（メールアドレス）とパスワードでログインしてください。',
    '変更が完了するまでは、変更前のメールアドレスがユーザーIDです。',
    '',
    linkBlock(input),
  ]);
}

/** To the OLD address once the change is done. */
export function emailChangedNoticeMail(input: { brand: BrandConfig; to: string; newEmail: string; at: Date }): MailMessage {
  return mail(input.brand, input.to, 'メールアドレス変更のお知らせ', [
    'お客さまWebサービスのメールアドレス（ユーザーID）が変更されました。',
    `変更日時:${formatDateTimeJa(input.at)}`,
    `変更後のメールアドレス:${maskEmail(input.newEmail)}`,
    '',
    '今後のログインには、変更後のメールアドレスをユーザーIDとしてご利用ください。',
    'このお手続きにお心当たりのない場合は、至急、以下【お問い合わせ先】までご連絡ください。',
  ]);
}

export function passwordChangedMail(input: { brand: BrandConfig; to: string; at: Date }): MailMessage {
  return mail(input.brand, input.to, 'パスワード変更のお知らせ', [
    'お客さまWebサービスのパスワードが変更されました。',
    `変更日時:${formatDateTimeJa(input.at)}`,
    '',
    'このお手続きにお心当たりのない場合は、至急、以下【お問い合わせ先】までご連絡ください。',
  ]);
}

export function addressChangeReceivedMail(input: { brand: BrandConfig; to: string; at: Date }): MailMessage {
  return mail(input.brand, input.to, '住所・電話番号変更のお申し出受付のお知らせ', [
    'ご住所・お電話番号の変更のお申し出を受け付けました。',
    `受付日時:${formatDateTimeJa(input.at)}`,
    '',
    '保険会社でお手続きのうえ、ご契約に反映いたします。反映までお時間をいただく場合があります。',
    'お申し出の内容は、お客さまWebサービスの「各種変更の手続き」でご確認いただけます。',
  ]);
}

export function serviceStoppedMail(input: { brand: BrandConfig; to: string; at: Date }): MailMessage {
  return mail(input.brand, input.to, 'お客さまWebサービス利用停止のお知らせ', [
    'お客さまWebサービスの利用停止を受け付けました。',
    `受付日時:${formatDateTimeJa(input.at)}`,
    '',
    'ご契約（保険）の内容には影響ありません。',
    '再度ご利用いただく場合は、お客さまWebサービスの「初めてご利用いただく方はこちら」から新規利用登録をお手続きください。',
    'このお手続きにお心当たりのない場合は、至急、以下【お問い合わせ先】までご連絡ください。',
  ]);
}
