import type { BrandConfig } from '../../config.js';
import { formatDateJa, formatDateTimeJa } from '../../platform/clock.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { mailFooter } from '../../platform/mail/layout.js';

export interface RenewalMailInput {
  brand: BrandConfig;
  baseUrl: string;
  to: string;
  receptionNumber: string;
  policyNumber: string;
  appliedAt: Date;
  termStart: string;
  termEnd: string;
  paymentChanged: boolean;
}

/** 証券番号 with all but the last four characters hidden: a mail may be read by others. */
export const maskedPolicyNumber = (policyNumber: string): string => `${'*'.repeat(Math.max(0, policyNumber.length - 4))}${policyNumber.slice(-4)}`;

/**
 * The confirmation of a renewal application. It names the 受付番号, when, which policy (masked)
 * and the new term; the chosen coverage and the premium stay behind the login (申込内容確認書).
 */
export function renewalMail(input: RenewalMailInput): MailMessage {
  const { brand } = input;
  const text = [
    `${brand.name}「お客さまWebサービス」をご利用いただきありがとうございます。`,
    '',
    '自動車保険の継続手続のお申込みを受け付けました。',
    '',
    `受付番号:${input.receptionNumber}`,
    `受付日時:${formatDateTimeJa(input.appliedAt)}`,
    `証券番号:${maskedPolicyNumber(input.policyNumber)}`,
    `継続後の保険期間:${formatDateJa(input.termStart)}～${formatDateJa(input.termEnd)}`,
    '',
    'お申込内容は、お客さまWebサービスにログインし、「契約の継続手続」から申込内容確認書（PDF）でご確認いただけます。',
    `${input.baseUrl}/mypage/renewals`,
    '',
    ...(input.paymentChanged ? ['お支払方法の変更をお申込みいただきました。変更後のお支払方法のお手続きについては、別途ご案内いたします。', ''] : []),
    '継続契約の保険証券は、保険期間の開始後にお送りします。',
    '',
    mailFooter(brand),
    '',
  ].join('\n');
  return { to: input.to, subject: `【${brand.name}】自動車保険 継続手続のお申込みを受け付けました`, text };
}
