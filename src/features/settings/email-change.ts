import type { Restart } from '../../platform/flow/pages.js';
import type { Flow } from '../../platform/flow/store.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { settingsMessages } from './messages.js';

/**
 * メールアドレス（ユーザーID）の変更 as a flow row (kind `email_change`, see email-change-flow.md):
 * mail_sent → completed (the user ID changed) or refused (the address was taken meanwhile).
 */
export type EmailChangeState = 'mail_sent' | 'completed' | 'refused';

export const EMAIL_CHANGE_KIND = 'email_change';
export const EMAIL_CHANGE_STATES: readonly EmailChangeState[] = ['mail_sent', 'completed', 'refused'];

export interface EmailChangeData {
  /** The address to become the user ID (NFKC, lower case). */
  newEmail: string;
  /** Set at completion: the address the notice went to. */
  oldEmail?: string;
}

export type EmailChangeFlow = Flow<EmailChangeState, EmailChangeData>;

export const EMAIL_CHANGE_PATH = '/mypage/changes/email';
/** The way back to the start of the e-mail change, in the page's language. */
export const emailChangeRestart = (locale: Locale): Restart => ({ href: EMAIL_CHANGE_PATH, label: settingsMessages.of(locale).emailRestart });
