import type { Generated } from 'kysely';

// Timestamps are ISO-8601 UTC text (Date#toISOString, fixed width, so they sort);
// calendar dates are `YYYY-MM-DD` text; flags are 0/1 integers. One shape on SQLite and PostgreSQL.

export interface SettingTable {
  key: string;
  value: string;
}

export interface AgencyTable {
  code: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface AgencyNewsTable {
  id: string;
  agency_code: string;
  published_on: string;
  title: string;
  body: string;
  /** 1: shown on the agency page (公開); 0: kept but not shown (非公開). */
  published: number;
  created_at: string;
  /** Last edited; null until then. */
  updated_at: string | null;
}

export interface PolicyTable {
  policy_number: string;
  product: string;
  holder_family_name: string;
  holder_given_name: string;
  holder_family_kana: string;
  holder_given_kana: string;
  birth_date: string;
  email: string | null;
  phone: string | null;
  postal_code: string | null;
  address: string | null;
  agency_code: string;
  start_date: string;
  end_date: string;
  vehicle_model: string | null;
  vehicle_registration: string | null;
  vehicle_class: string | null;
  grade: number | null;
  accident_coefficient_years: number | null;
  claims_this_term: number | null;
  age_condition: string | null;
  driver_scope: string | null;
  use_purpose: string | null;
  bodily_injury: string | null;
  property_damage: string | null;
  personal_injury: string | null;
  vehicle_coverage: string | null;
  vehicle_amount: number | null;
  vehicle_deductible: string | null;
  riders: string | null;
  annual_premium: number | null;
  payment_method: string | null;
  /** in_force | cancelled | expired (the core system's word; default in_force). */
  status: string;
  customer_id: string | null;
  last_procedure_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CustomerTable {
  id: string;
  /** The user ID: the e-mail address, NFKC and lower case. */
  user_id: string;
  password_hash: string;
  family_name: string;
  given_name: string;
  family_kana: string;
  given_kana: string;
  birth_date: string;
  last_login_at: string | null;
  /** 前回ログイン日時: the successful login before the current one. */
  previous_login_at: string | null;
  created_at: string;
  updated_at: string;
  /** お客さまWebサービスの利用停止: set when the customer closed the account (the row stays for audit). */
  closed_at: string | null;
  /** 利用停止 by the insurer's desk (not the customer's own closing): login refused until 利用再開. */
  suspended_at: string | null;
  /** 「パスワードでのログインを停止する」 (migration 0019): set while only passkeys log in; recovery clears it. */
  password_login_stopped_at: string | null;
  /** The language the customer last used, 'ja' or 'en' (migration 0024): the language of job-sent mails. */
  locale: Generated<string>;
}

/** 仮パスワード (migration 0018): temporary while password_hash equals the account's. */
export interface TemporaryPasswordTable {
  customer_id: string;
  password_hash: string;
  /** 'screen' (shown once to the operator) or 'mail'. */
  delivery: string;
  /** The staff member who issued it. */
  issued_by: string;
  issued_at: string;
  expires_at: string;
  /** The clear text sealed for the issuing staff member until its one showing; null afterwards (and for mail). */
  reveal_sealed: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie value. */
  id_hash: string;
  /** Whose session: customer, staff or api_client, and that actor's id. */
  actor_kind: string;
  actor_id: string;
  /** The customer, for a customer's session (null for staff). */
  customer_id: string | null;
  created_at: string;
  last_seen_at: string;
  revoked_at: string | null;
  ip: string;
  user_agent: string;
  /** When the session last proved its owner (login, or re-entry for a step-up); null: at created_at (migration 0019). */
  authenticated_at: string | null;
}

/** A customer's passkey (WebAuthn credential, migration 0019); ids and keys in base64url. */
export interface PasskeyTable {
  id: string;
  customer_id: string;
  credential_id: string;
  public_key: string;
  counter: number;
  /** JSON array of the authenticator's transports. */
  transports: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

/** A WebAuthn challenge handed out (migration 0019): only its SHA-256, single use, short-lived. */
export interface WebauthnChallengeTable {
  challenge_hash: string;
  purpose: string;
  customer_id: string | null;
  session_hash: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A browser that logged in before (device cookie); only the SHA-256 of the cookie is kept. */
export interface KnownDeviceTable {
  token_hash: string;
  customer_id: string;
  created_at: string;
  last_used_at: string;
}

/** A login attempt that named an existing account (platform/auth/login-events.ts). */
export interface LoginEventTable {
  id: string;
  customer_id: string;
  at: string;
  /** 'password', 'passkey', 'registration', 'recovery'. */
  method: string;
  /** 1 for a login, 0 for a refused attempt. */
  succeeded: number;
  user_agent: string;
  ip: string;
}

export interface FlowTable {
  id: string;
  kind: string;
  state: string;
  /** JSON of the validated entries so far. */
  data: string;
  keyword_hash: string | null;
  keyword_failures: number;
  customer_id: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

export interface MailTokenTable {
  /** SHA-256 of the 32 random bytes sent in the mail. */
  token_hash: string;
  flow_id: string;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
  retired_at: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  /** Text with slots where secrets go (see platform/mail/secrets.ts). */
  text_body: string;
  /** The slots' values, sealed (AES-256-GCM); null once the mail is out. */
  secrets_sealed: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A webhook event waiting for, or past, delivery: pending while neither delivered_at nor gave_up_at is set. */
export interface WebhookOutboxTable {
  /** The webhook-id (`msg_…`), the same on every retry. */
  id: string;
  event_type: string;
  /** The JSON body, `{"type", "timestamp", "data"}`, posted as it is on every attempt. */
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  /** Retries stop after this (3 days after the event, or after a 再送). */
  retry_until: string;
  last_attempt_at: string | null;
  delivered_at: string | null;
  /** The receiver's HTTP status at the last attempt; null when it gave none (refused, timed out). */
  last_status: number | null;
  last_error: string | null;
  gave_up_at: string | null;
}

export interface DevMailTable {
  id: string;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  created_at: string;
}

export interface AuditEventTable {
  id: string;
  at: string;
  kind: string;
  /** Who did it (null: a visitor not yet known). */
  actor_kind: string | null;
  actor_id: string | null;
  /** The customer it concerns. */
  customer_id: string | null;
  /** What it acted on, when not the customer. */
  subject_kind: string | null;
  subject_id: string | null;
  ip: string | null;
  detail: string;
}

/** A change the customer asked for that the insurer carries out (住所・電話番号の変更). */
export interface ChangeRequestTable {
  id: string;
  customer_id: string;
  /** `address` */
  kind: string;
  /** JSON of the validated entries. */
  data: string;
  /** `pending` until the insurer's system takes it. */
  status: string;
  created_at: string;
}

/** How the insurer handled a change request (migration 0016); the settings page inserts without these. */
export interface ChangeRequestProcessing {
  /** What the customer reads with the outcome (required for rejected). */
  note: Generated<string | null>;
  processed_at: Generated<string | null>;
  processed_by_kind: Generated<string | null>;
  processed_by_id: Generated<string | null>;
  /** The cursor feed's order, given at commit (decision 0016); null only inside the inserting transaction. */
  feed_position: Generated<number | null>;
}

export interface ThrottleTable {
  key: string;
  /** Attempts counted in the window (the column keeps its first name). */
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}


/** A renewal application (継続手続のお申込み): everything the insurer needs to issue the renewal. */
export interface RenewalApplicationTable {
  id: string;
  /** 受付番号, e.g. R20261125-7KQ2M9XD. */
  reception_number: string;
  policy_number: string;
  customer_id: string;
  /** 満期日 of the term being renewed: with policy_number, unique (one application per term). */
  current_end_date: string;
  new_start_date: string;
  new_end_date: string;
  /** same | recommended | economy | custom */
  plan: string;
  /** JSON of the chosen coverage (rating's Coverage). */
  coverage: string;
  next_grade: number;
  next_accident_coefficient_years: number;
  annual_premium: number;
  monthly_premium: number | null;
  total_payable: number;
  /** bank | card | convenience */
  payment_method: string;
  /** 1 when the customer chose another method than the current one. */
  payment_method_changed: number;
  /** annual | monthly */
  payment_frequency: string;
  /** JSON of the quote's breakdown lines. */
  quote_breakdown: string;
  /** JSON: [{ key, text, at }] — the intention confirmations with their times. */
  confirmations: string;
  created_at: string;
}

/** 取込済 and the feed position of a renewal application (migration 0016); the renewal inserts without these. */
export interface RenewalApplicationProcessing {
  acknowledged_at: Generated<string | null>;
  acknowledged_by_kind: Generated<string | null>;
  acknowledged_by_id: Generated<string | null>;
  /** The cursor feed's order, given at commit (decision 0016); null only inside the inserting transaction. */
  feed_position: Generated<number | null>;
}

/** Pending credentials of a 再登録 to another address, until REREGISTRATION_HOLD has passed. */
export interface ReregistrationHoldTable {
  id: string;
  customer_id: string;
  /** The registration flow that asked for it. */
  flow_id: string;
  /** The new user ID (normalised), the address the registration mail reached. */
  user_id: string;
  /** argon2id of the new password; null once the hold is resolved (applied, cancelled, replaced). */
  password_hash: string | null;
  /** SHA-256 of the 心当たりがない link's 32 random bytes, sent to the registered address. */
  cancel_token_hash: string;
  /** pending | applied | cancelled | replaced | refused */
  status: string;
  created_at: string;
  /** When the new credentials take effect (applied lazily from then on). */
  effective_at: string;
  resolved_at: string | null;
}

/** A job's lease and its record (platform/jobs): one row per job name. */
export interface JobTable {
  name: string;
  /** The worker holding the job, while it runs; null when free. */
  leased_by: string | null;
  /** The lease ends then unless renewed: a worker that died leaves it to expire. */
  lease_until: string | null;
  next_run_at: string;
  last_started_at: string | null;
  last_finished_at: string | null;
  /** The last run's error; null when it succeeded. */
  last_error: string | null;
  runs: number;
  failures: number;
}

export interface StaffAccountTable {
  id: string;
  /** Lower-case [a-z0-9._-], 3–64 characters, unique. */
  login: string;
  name: string;
  email: string | null;
  /** 'admin' | 'desk' | 'agency'. */
  role: string;
  /** The agency of an agency-role account; null for the insurer's staff. */
  agency_code: string | null;
  /** null until setup is completed. */
  password_hash: string | null;
  /** AES-256-GCM sealed base32 secret (see features/console/totp.ts). */
  totp_secret_sealed: string | null;
  totp_last_step: number | null;
  enabled: number;
  setup_completed_at: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffSetupTokenTable {
  token_hash: string;
  staff_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  pending_password_hash: string | null;
  pending_totp_sealed: string | null;
}

export interface StaffRecoveryCodeTable {
  id: string;
  staff_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** A 満期案内 mail sent (queued): one per policy, term and offset, ever (UNIQUE policy_number, end_date, offset_days). */
export interface RenewalReminderTable {
  id: string;
  policy_number: string;
  /** 満期日 of the term the reminder was for. */
  end_date: string;
  /** The RENEWAL_REMINDER_DAYS offset it stood for (60, 30, 7 …), even when sent late. */
  offset_days: number;
  customer_id: string;
  sent_at: string;
  /** The outbox row of the mail (the row may have been purged since). */
  outbox_id: string | null;
}

/** A customer who chose 受け取らない for 満期案内メール; no row: 受け取る. */
export interface ReminderOptOutTable {
  customer_id: string;
  created_at: string;
}

/** A core system's client of the integration API (keizoku api-clients add). */
export interface ApiClientTable {
  id: string;
  name: string;
  /** The public OAuth client_id. */
  client_id: string;
  /** SHA-256 (hex) of the 32-byte random client_secret. */
  secret_hash: string;
  /** Space-separated scopes (policies:write policies:read …). */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_reason: string | null;
}

/** A bearer token issued by /api/v1/oauth/token: only its SHA-256 (hex). */
export interface ApiTokenTable {
  token_hash: string;
  /** api_clients.id */
  client_id: string;
  created_at: string;
  expires_at: string;
}

/** An Idempotency-Key seen on a POST: the request's hash and, once answered, the answer (24 h). */
export interface ApiIdempotencyKeyTable {
  client_id: string;
  key: string;
  request_hash: string;
  /** null while the first request with the key is running. */
  response_status: number | null;
  response_body: string | null;
  created_at: string;
  expires_at: string;
}

export interface Database {
  settings: SettingTable;
  agencies: AgencyTable;
  agency_news: AgencyNewsTable;
  policies: PolicyTable;
  customers: CustomerTable;
  sessions: SessionTable;
  flows: FlowTable;
  mail_tokens: MailTokenTable;
  outbox: OutboxTable;
  dev_mailbox: DevMailTable;
  audit_events: AuditEventTable;
  throttles: ThrottleTable;
  known_devices: KnownDeviceTable;
  passkeys: PasskeyTable;
  webauthn_challenges: WebauthnChallengeTable;
  renewal_applications: RenewalApplicationTable & RenewalApplicationProcessing;
  change_requests: ChangeRequestTable & ChangeRequestProcessing;
  reregistration_holds: ReregistrationHoldTable;
  jobs: JobTable;
  staff_accounts: StaffAccountTable;
  staff_setup_tokens: StaffSetupTokenTable;
  staff_recovery_codes: StaffRecoveryCodeTable;
  renewal_reminders: RenewalReminderTable;
  reminder_opt_outs: ReminderOptOutTable;
  api_clients: ApiClientTable;
  api_tokens: ApiTokenTable;
  api_idempotency_keys: ApiIdempotencyKeyTable;
  webhook_outbox: WebhookOutboxTable;
  temporary_passwords: TemporaryPasswordTable;
  login_events: LoginEventTable;
}
