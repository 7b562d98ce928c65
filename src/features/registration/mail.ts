import type { BrandConfig } from '../../config.js';
import type { MailMessage } from '../../platform/mail/outbox.js';
import { formatDateTime } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import type { ReplacedUserIdMailInput } from '../policies/account/credential-steps.js';
import { customerMail, linkMail, maskEmail, type LinkMailInput } from '../../platform/mail/layout.js';
import { registrationMailMessages } from './messages.js';

export type RegistrationMailInput = LinkMailInput & { to: string };

/** The guide's 初回利用登録に関するご案内: what to do, the one-time URL and its deadline; never the keyword. */
export function registrationMail(input: RegistrationMailInput): MailMessage {
  const m = registrationMailMessages.of(input.locale ?? 'ja');
  return linkMail(input, m.linkSubject, [m.linkOpen, m.linkKeyword, '', m.linkThen]);
}

/** 再登録 to the replaced user ID: the old ID and password no longer work; the new address masked. */
export function reRegistrationNoticeMail(input: ReplacedUserIdMailInput): MailMessage {
  const locale = input.locale ?? 'ja';
  const m = registrationMailMessages.of(locale);
  return customerMail(
    input.brand,
    input.to,
    m.noticeSubject,
    [m.noticeDone({ at: formatDateTime(locale, input.at) }), m.newUserId({ userId: maskEmail(input.newUserId) }), '', m.oldGone, m.notYou],
    locale,
  );
}

export interface ReRegistrationHoldMailInput {
  brand: BrandConfig;
  /** The account's registered address (the current user ID). */
  to: string;
  newUserId: string;
  requestedAt: Date;
  effectiveAt: Date;
  /** The one-time 心当たりがない link. */
  url: string;
  /** The mail's language (the request's that completed the 再登録); Japanese when not given. */
  locale?: Locale;
}

/** 再登録 to another address: the registered address is told before it takes effect, with the way to cancel it. */
export function reRegistrationHoldMail(input: ReRegistrationHoldMailInput): MailMessage {
  const locale = input.locale ?? 'ja';
  const m = registrationMailMessages.of(locale);
  const effective = formatDateTime(locale, input.effectiveAt);
  return customerMail(
    input.brand,
    input.to,
    m.holdSubject,
    [
      m.holdRequested({ at: formatDateTime(locale, input.requestedAt) }),
      m.newUserId({ userId: maskEmail(input.newUserId) }),
      '',
      m.holdFrom({ at: effective }),
      m.holdUntil,
      '',
      m.holdCancel,
      '',
      m.holdLinkHeading,
      input.url,
      m.holdLinkOnce({ at: effective }),
    ],
    locale,
  );
}
