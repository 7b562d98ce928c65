import type { Locale } from '../../platform/ui/i18n/locale.js';
import { CREDENTIAL_STATES, type CredentialData, type CredentialState } from '../policies/account/credential-steps.js';
import { registrationMessages } from './messages.js';

/**
 * Registration: confirming (entries proofed) → mail_sent → the shared credential states;
 * a 再登録 to another address than the account's ends in held instead of completed.
 */
export type RegistrationState = 'confirming' | 'held' | CredentialState;

export const REGISTRATION_KIND = 'registration';
export const REGISTRATION_STATES: readonly RegistrationState[] = ['confirming', ...CREDENTIAL_STATES, 'held'];

/** Step 1 entries after normalisation (kana in katakana, 証券番号 upper case, e-mail lower case). */
export interface RegistrationEntries {
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
  birthDate: string;
  email: string;
  policyNumber: string;
}

export interface RegistrationData extends CredentialData {
  entries: RegistrationEntries;
}

const PLACES: Record<RegistrationState, string> = {
  confirming: '/register/confirm',
  mail_sent: '/register/sent',
  verified: '/register/credentials',
  credentials_confirming: '/register/credentials/confirm',
  completed: '/register/complete',
  held: '/register/held',
  burned: '/register',
};

export const registrationPlace = (state: RegistrationState): string => PLACES[state];

/** Where to start again; the label in Japanese for the platform's flow-ended page (FlowPlaces has one label). */
export const REGISTRATION_RESTART = { href: '/register', label: (locale: Locale) => registrationMessages.of(locale).restart };

/**
 * The step indicator of the whole registration (seed screens 3–5 and 8–10), so the ID/password
 * screen shows 4 of 6 rather than starting again at 1.
 */
export function registrationSteps(locale: Locale): readonly string[] {
  const m = registrationMessages.of(locale);
  return [m.step1, m.step2, m.step3, m.step4, m.step5, m.step6];
}
export const REGISTRATION_CREDENTIALS_STEP = 4;
