import type { BrandConfig } from '../../config.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { customerMail, linkMail, maskEmail } from '../../platform/mail/layout.js';
import { formatDateTime } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { settingsMailMessages } from './mail-messages.js';

// Each mail in the language of the request that sends it (Japanese when none is given).

export interface EmailChangeMailInput {
  brand: BrandConfig;
  to: string;
  url: string;
  sentAt: Date;
  ttlMs: number;
  locale?: Locale;
}

interface NoticeInput {
  brand: BrandConfig;
  to: string;
  at: Date;
  locale?: Locale;
}

/** To the NEW address: the one-time link that makes it the user ID. */
export function emailChangeConfirmMail(input: EmailChangeMailInput): MailMessage {
  const m = settingsMailMessages.of(input.locale ?? 'ja');
  return linkMail(input, m.confirmSubject, [m.confirmReceived, m.confirmHowTo, m.confirmLogin, m.confirmUntil]);
}

/** To the OLD address once the change is done. */
export function emailChangedNoticeMail(input: NoticeInput & { newEmail: string }): MailMessage {
  const { locale = 'ja' } = input;
  const m = settingsMailMessages.of(locale);
  return customerMail(
    input.brand,
    input.to,
    m.emailChangedSubject,
    [m.emailChanged, m.changedAt({ at: formatDateTime(locale, input.at) }), m.newAddress({ email: maskEmail(input.newEmail) }), '', m.loginWithNew, m.notYou],
    locale,
  );
}

export function passwordChangedMail(input: NoticeInput): MailMessage {
  const { locale = 'ja' } = input;
  const m = settingsMailMessages.of(locale);
  return customerMail(input.brand, input.to, m.passwordChangedSubject, [m.passwordChanged, m.changedAt({ at: formatDateTime(locale, input.at) }), '', m.notYou], locale);
}

export function addressChangeReceivedMail(input: NoticeInput): MailMessage {
  const { locale = 'ja' } = input;
  const m = settingsMailMessages.of(locale);
  return customerMail(input.brand, input.to, m.addressSubject, [m.addressReceived, m.receivedAt({ at: formatDateTime(locale, input.at) }), '', m.addressProcess, m.addressWhere], locale);
}

export function serviceStoppedMail(input: NoticeInput): MailMessage {
  const { locale = 'ja' } = input;
  const m = settingsMailMessages.of(locale);
  return customerMail(input.brand, input.to, m.stoppedSubject, [m.stopped, m.receivedAt({ at: formatDateTime(locale, input.at) }), '', m.policiesStay, m.registerAgain, m.notYou], locale);
}
