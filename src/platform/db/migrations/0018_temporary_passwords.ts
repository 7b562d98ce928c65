import type { Kysely } from 'kysely';

// 仮パスワード (issue 8, decision 0018): the desk's temporary password replaces the customer's
// password (customers.password_hash) and this row says it is temporary: while its hash equals
// the account's, the next login must set a new password, and after expires_at it logs in no
// more. Any other change of the password (settings, recovery, 再登録) leaves the hashes unequal,
// so the row is then void without those flows knowing of it. reveal_sealed: the clear text,
// sealed for the issuing staff member, until the one screen that shows it has shown it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('temporary_passwords')
    .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('reveal_sealed', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('temporary_passwords').execute();
}
