import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export interface Passkey {
  id: string;
  customerId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

type Row = {
  id: string;
  customer_id: string;
  credential_id: string;
  public_key: string;
  counter: number | string;
  transports: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
};

function transportsOf(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

// PostgreSQL hands a bigint back as a string.
const toPasskey = (r: Row): Passkey => ({
  id: r.id,
  customerId: r.customer_id,
  credentialId: r.credential_id,
  publicKey: r.public_key,
  counter: Number(r.counter),
  transports: transportsOf(r.transports),
  name: r.name,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

export async function passkeysOf(db: Db, customerId: string): Promise<Passkey[]> {
  const rows = await db.selectFrom('passkeys').selectAll().where('customer_id', '=', customerId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toPasskey);
}

export async function passkeyByCredentialId(db: Db, credentialId: string): Promise<Passkey | null> {
  const row = await db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
  return row ? toPasskey(row) : null;
}

export async function passkeyOf(db: Db, customerId: string, id: string): Promise<Passkey | null> {
  const row = await db.selectFrom('passkeys').selectAll().where('id', '=', id).where('customer_id', '=', customerId).executeTakeFirst();
  return row ? toPasskey(row) : null;
}

export async function insertPasskey(db: Db, passkey: Passkey): Promise<void> {
  await db
    .insertInto('passkeys')
    .values({
      id: passkey.id,
      customer_id: passkey.customerId,
      credential_id: passkey.credentialId,
      public_key: passkey.publicKey,
      counter: passkey.counter,
      transports: JSON.stringify(passkey.transports),
      name: passkey.name,
      created_at: passkey.createdAt,
      last_used_at: null,
    })
    .execute();
}

/**
 * Records a use: the authenticator's new counter, only if the row still has the counter the
 * verification was checked against (two uses at once: one wins). False: someone was first.
 */
export async function recordUse(db: Db, passkey: Passkey, newCounter: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('passkeys')
    .set({ counter: newCounter, last_used_at: at.toISOString() })
    .where('id', '=', passkey.id)
    .where('counter', '=', passkey.counter)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePasskey(db: Db, customerId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('passkeys').where('id', '=', id).where('customer_id', '=', customerId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export interface LoginAccount {
  id: string;
  userId: string;
  displayName: string;
  passwordHash: string;
  passwordLoginStopped: boolean;
  usable: boolean;
}

export async function accountOf(db: Db, customerId: string): Promise<LoginAccount | null> {
  const row = await db
    .selectFrom('customers')
    .select(['id', 'user_id', 'family_name', 'given_name', 'password_hash', 'password_login_stopped_at', 'closed_at', 'suspended_at'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    displayName: `${row.family_name} ${row.given_name}`,
    passwordHash: row.password_hash,
    passwordLoginStopped: row.password_login_stopped_at !== null,
    usable: row.closed_at === null && row.suspended_at === null,
  };
}

/** Takes the customer's row lock (PostgreSQL) so that changes to their login methods run one at a time. */
export async function lockAccount(db: Db, customerId: string, at: Date): Promise<void> {
  await db.updateTable('customers').set({ updated_at: at.toISOString() }).where('id', '=', customerId).execute();
}

export async function setPasswordLoginStopped(db: Db, customerId: string, at: Date | null): Promise<void> {
  await db
    .updateTable('customers')
    .set({ password_login_stopped_at: at ? at.toISOString() : null })
    .where('id', '=', customerId)
    .execute();
}

export async function countPasskeys(db: Db, customerId: string): Promise<number> {
  const row = await db.selectFrom('passkeys').select(sql<number>`count(*)`.as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  return Number(row.n);
}
