import { CREDENTIAL_STATES, type CredentialData, type CredentialState } from '../policies/account/credential-steps.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { recoveryMessages } from './messages.js';

/** Recovery starts with the mail out (or, for an unknown address, pretends to): the shared states only. */
export type RecoveryState = CredentialState;
export type RecoveryData = CredentialData;

export const RECOVERY_KIND = 'recovery';
export const RECOVERY_STATES: readonly RecoveryState[] = CREDENTIAL_STATES;

const PLACES: Record<RecoveryState, string> = {
  mail_sent: '/recovery/sent',
  verified: '/recovery/credentials',
  credentials_confirming: '/recovery/credentials/confirm',
  completed: '/recovery/complete',
  burned: '/recovery',
};

export const recoveryPlace = (state: RecoveryState): string => PLACES[state];

/** Where to start again; the label in Japanese for the platform's flow-ended page (FlowPlaces has one label). */
export const RECOVERY_RESTART = { href: '/recovery', label: (locale: Locale) => recoveryMessages.of(locale).restart };
