import { CREDENTIAL_STATES, type CredentialData, type CredentialState } from '../policies/account/credential-steps.js';

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

export const REGISTRATION_RESTART = { href: '/register', label: '新規利用登録を最初からやり直す' };
