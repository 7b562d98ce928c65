import type { BrandConfig } from '../../config.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { customerMail } from '../../platform/mail/layout.js';
import { formatDate, formatDateTime } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { mailMessages } from './messages.js';

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
  /** The language of the request that applied; Japanese when not given. */
  locale?: Locale;
}

/** 証券番号 with all but the last four characters hidden: a mail may be read by others. */
export const maskedPolicyNumber = (policyNumber: string): string => `${'*'.repeat(Math.max(0, policyNumber.length - 4))}${policyNumber.slice(-4)}`;

/**
 * The confirmation of a renewal application. It names the 受付番号, when, which policy (masked)
 * and the new term; the chosen coverage and the premium stay behind the login (申込内容確認書).
 */
export function renewalMail(input: RenewalMailInput): MailMessage {
  const locale = input.locale ?? 'ja';
  const m = mailMessages.of(locale);
  const lines = [
    m.received,
    '',
    m.reception({ n: input.receptionNumber }),
    m.receivedAt({ at: formatDateTime(locale, input.appliedAt) }),
    m.policy({ n: maskedPolicyNumber(input.policyNumber) }),
    m.term({ start: formatDate(locale, input.termStart), end: formatDate(locale, input.termEnd) }),
    '',
    m.where,
    `${input.baseUrl}/mypage/renewals`,
    '',
    ...(input.paymentChanged ? [m.paymentChanged, ''] : []),
    m.policyDocument,
  ];
  return customerMail(input.brand, input.to, m.subject, lines, locale);
}
