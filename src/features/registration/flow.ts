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

/**
 * The step indicator of the whole registration (seed screens 3–5 and 8–10), so the ID/password
 * screen shows 4 of 6 rather than starting again at 1.
 */
export const REGISTRATION_STEPS = ['お客さま情報の入力', '入力内容の確認', 'メールの送信、キーワード表示', 'ID・パスワードの入力', 'ID・パスワードの確認', '完了'] as const;
export const REGISTRATION_CREDENTIALS_STEP = 4;
