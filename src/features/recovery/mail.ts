import type { MailMessage } from '../../platform/mail/outbox.js';
import { formatDateTime } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import type { ReplacedUserIdMailInput } from '../policies/account/credential-steps.js';
import { customerMail, linkMail, maskEmail, type LinkMailInput } from '../../platform/mail/layout.js';
import { recoveryMailMessages } from './messages.js';

export type RecoveryMailInput = LinkMailInput & { to: string };

/** The re-registration mail of the forgotten-ID steps: the URL, never the keyword. */
export function recoveryMail(input: RecoveryMailInput): MailMessage {
  const m = recoveryMailMessages.of(input.locale ?? 'ja');
  return linkMail(input, m.linkSubject, [m.linkOpen, m.linkKeyword, '', m.linkThen]);
}

/** To the replaced user ID when a recovery changed it: the old ID no longer works; the new address masked. */
export function userIdChangedNoticeMail(input: ReplacedUserIdMailInput): MailMessage {
  const locale = input.locale ?? 'ja';
  const m = recoveryMailMessages.of(locale);
  return customerMail(
    input.brand,
    input.to,
    m.changedSubject,
    [m.changed({ at: formatDateTime(locale, input.at) }), m.newUserId({ userId: maskEmail(input.newUserId) }), '', m.oldGone, m.notYou],
    locale,
  );
}

/** To the account's (new) user ID when a recovery lifted 「パスワードでのログインを停止する」 (decision 0022). */
export function passwordLoginResumedMail(input: { brand: ReplacedUserIdMailInput['brand']; to: string; at: Date; locale?: Locale }): MailMessage {
  const locale = input.locale ?? 'ja';
  const m = recoveryMailMessages.of(locale);
  return customerMail(input.brand, input.to, m.resumedSubject, [m.resumed({ at: formatDateTime(locale, input.at) }), m.passkeysStill, '', m.notYou], locale);
}
