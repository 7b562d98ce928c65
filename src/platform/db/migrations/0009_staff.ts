import type { Kysely } from 'kysely';

// Staff accounts for the console (issue 8): the insurer's admins and desk, and agency staff.
// A setup token (only its SHA-256) carries the account through its setup; the password and the
// TOTP secret chosen there wait on the token row and move to the account together when the first
// code is confirmed. The TOTP secret is stored sealed (AES-256-GCM), never in plain text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('agency_code', 'text', (c) => c.references('agencies.code'))
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret_sealed', 'text')
    // The last RFC 6238 time-step accepted: a code of that step or an earlier one is refused.
    .addColumn('totp_last_step', 'integer')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('setup_completed_at', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('pending_password_hash', 'text')
    .addColumn('pending_totp_sealed', 'text')
    .execute();
  await db.schema.createIndex('staff_setup_tokens_by_staff').on('staff_setup_tokens').column('staff_id').execute();

  await db.schema
    .createTable('staff_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_accounts.id'))
    // SHA-256 of a code of 80 random bits: high entropy, so a fast hash is enough.
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('staff_recovery_codes_by_staff').on('staff_recovery_codes').column('staff_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('staff_recovery_codes').execute();
  await db.schema.dropTable('staff_setup_tokens').execute();
  await db.schema.dropTable('staff_accounts').execute();
}
