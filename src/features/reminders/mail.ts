import type { BrandConfig } from '../../config.js';
import { formatDateJa } from '../../platform/clock.js';
import { customerMail } from '../../platform/mail/layout.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { renewalWindow } from '../policies/renewal-window.js';

export const REMINDER_SUBJECT = '自動車保険の満期のご案内';

export interface ReminderMailInput {
  brand: BrandConfig;
  /** The service's top page (BASE_URL/): no login link, no token. */
  topUrl: string;
  to: string;
  familyName: string;
  givenName: string;
  policyNumber: string;
  vehicleModel: string | null;
  endDate: string;
  agencyName: string;
  daysLeft: number;
}

/**
 * 満期案内: the policy, its 満期日 and the online renewal until the day before, how to reach the
 * service by its name and top page, the agency and the desk (the layout's footer). It carries
 * no link into an account: the customer goes to the service and logs in as always.
 */
export function reminderMail(input: ReminderMailInput): MailMessage {
  const { brand } = input;
  const window = renewalWindow(input.endDate);
  return customerMail(brand, input.to, REMINDER_SUBJECT, [
    `${input.familyName} ${input.givenName} 様`,
    '',
    `ご契約の自動車保険は、${formatDateJa(input.endDate)}に満期を迎えます（あと${input.daysLeft}日）。`,
    '',
    '■ご契約内容',
    `証券番号:${input.policyNumber}`,
    `車名:${input.vehicleModel ?? '―'}`,
    `満期日:${formatDateJa(input.endDate)}`,
    `取扱代理店:${input.agencyName}`,
    '',
    '■継続手続のご案内',
    `継続手続は、満期日の前日（${formatDateJa(window.closesOn)}）まで、${brand.name}「お客さまWebサービス」でオンラインにてお手続きいただけます（受付開始:${formatDateJa(window.opensOn)}）。`,
    `${brand.name}「お客さまWebサービス」のトップページ（${input.topUrl}）から、ご登録のユーザーID・パスワードでログインのうえ、ホームの「継続手続」からお進みください。`,
    '※本メールには、ログイン用のURLは記載しておりません。',
    '',
    `ご不明な点は、取扱代理店（${input.agencyName}）または下記【お問い合わせ先】までお問い合わせください。`,
    '満期案内メールがご不要の場合は、ログイン後の「各種変更の手続き」から「受け取らない」をお選びいただけます。',
  ]);
}
