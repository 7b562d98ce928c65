import type { BrandConfig } from '../../../config.js';
import type { Db } from '../../../platform/db/database.js';
import type { AuditKind } from '../../../platform/auth/audit.js';
import type { AppDeps } from '../../../platform/deps.js';
import type { MailMessage } from '../../../platform/mail/outbox.js';
import type { Flow } from '../../../platform/flow/store.js';
import type { Locale } from '../../../platform/ui/i18n/locale.js';
import type { Holder } from '../holder.js';

/**
 * The states registration and recovery share once the mail is out:
 * mail_sent → verified (keyword right) → credentials_confirming → completed; burned after five wrong keywords.
 */
export type CredentialState = 'mail_sent' | 'verified' | 'credentials_confirming' | 'completed' | 'burned';

export const CREDENTIAL_STATES: readonly CredentialState[] = ['mail_sent', 'verified', 'credentials_confirming', 'completed', 'burned'];

export interface CredentialData {
  /** The keyword, sealed for the browser that must show it; dropped once it is used. */
  keywordSealed?: string;
  /** The address the one-time mail went to: the only user ID the ID/password step accepts. */
  suggestedUserId: string;
  /** Whose credentials these are, for the confirmation page (null: nobody matched). */
  holder: Holder | null;
  /** After the ID/password step: the password only as an argon2id hash. */
  credentials?: { userId: string; passwordHash: string };
}

/** Wrong keywords that burn a mail link. */
export const KEYWORD_ATTEMPTS = 5;

/** How long the on-screen steps (before the mail, after the keyword) stay open. */
export const STEP_TTL_MS = 60 * 60_000;

export interface NewCredentials {
  userId: string;
  passwordHash: string;
}

/** What a feature tells the shared steps (keyword, ID/password, confirmation, completion). */
export interface CredentialFlowSpec<X extends string, D extends CredentialData> {
  kind: string;
  /** The audit event of a right keyword at this flow's link. */
  keywordVerifiedEvent: AuditKind;
  basePath: string;
  states: readonly (X | CredentialState)[];
  /** The URL that shows a state. */
  placeOf(state: X | CredentialState): string;
  /** The flow's words on the steps after the mail, in the page's language. */
  texts(locale: Locale): CredentialFlowTexts;
  /**
   * The step indicator over the whole flow: its step names, and the number of the ID/password step
   * (confirmation and completion follow it). Without it the steps after the mail count 1–3 on their own.
   */
  steps?: { labels: (locale: Locale) => readonly string[]; credentialsAt: number };
  /** Where to start again when a flow is no longer usable, the label in the page's language. */
  restart: { href: string; label: (locale: Locale) => string };
  /** The customer whose own user ID may be kept (re-registration, recovery); null for none. */
  ownCustomerId(db: Db, flow: Flow<X | CredentialState, D>): Promise<string | null>;
  /**
   * Writes the customer in the completing transaction: its id, and the user ID it replaced (null: none);
   * or the credentials are held (再登録 to another address) and the flow waits in `heldState`, logged out.
   * `locale` is the completing request's, for the mails it sends (Japanese when not given).
   */
  complete(trx: Db, flow: Flow<X | CredentialState, D>, credentials: NewCredentials, at: Date, ip: string, deps: AppDeps, locale?: Locale): Promise<CompletedCustomer | HeldCompletion<X>>;
  /** The notice to the replaced user ID when completion changed it (the new address masked). */
  replacedUserIdMail(input: ReplacedUserIdMailInput): MailMessage;
}

/** What the steps after the mail say for one flow, in one language. */
export interface CredentialFlowTexts {
  /** Page heading of the steps after the mail (新規利用登録, …). */
  title: string;
  keywordIntro: string;
  completeHeading: string;
  completeLines: string[];
}

export interface CompletedCustomer {
  customerId: string;
  previousUserId: string | null;
}

/** Completion whose credentials take effect later: nobody is logged in, the flow shows `heldState`. */
export interface HeldCompletion<X extends string> {
  customerId: string;
  heldState: X;
}

export interface ReplacedUserIdMailInput {
  brand: BrandConfig;
  to: string;
  newUserId: string;
  at: Date;
  /** The mail's language (the completing request's); Japanese when not given. */
  locale?: Locale;
}
