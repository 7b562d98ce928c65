import type { Kysely } from 'kysely';

// Passkeys and step-up (issue 11, decision 0022). passkeys: one WebAuthn credential a row
// (credential id and COSE public key in base64url, the signature counter, the name the customer
// gave). webauthn_challenges: every challenge handed to a browser, by its SHA-256, single use
// (used_at set by a conditional update) and short-lived; bound to a customer and session where
// one is logged in. sessions.authenticated_at: when the session last proved its owner (login or
// re-entry), for the 10-minute step-up. customers.password_login_stopped_at:
// 「パスワードでのログインを停止する」.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('passkeys_by_customer').on('passkeys').column('customer_id').execute();
  await db.schema
    .createTable('webauthn_challenges')
    .addColumn('challenge_hash', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('session_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('webauthn_challenges_by_expiry').on('webauthn_challenges').column('expires_at').execute();
  await db.schema.alterTable('sessions').addColumn('authenticated_at', 'text').execute();
  await db.schema.alterTable('customers').addColumn('password_login_stopped_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('password_login_stopped_at').execute();
  await db.schema.alterTable('sessions').dropColumn('authenticated_at').execute();
  await db.schema.dropTable('webauthn_challenges').execute();
  await db.schema.dropTable('passkeys').execute();
}
