import { sql, type Kysely } from 'kysely';

// The internet desk (issue 8): a desk's 利用停止 of an account (suspended_at, apart from the
// customer's own closed_at), and the indexes the desk's customer search needs on both dialects:
// names and kana (family only, and family + given as one expression), phone digits, and the
// outbox by recipient. Expression indexes are written as the search writes its expressions.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').addColumn('suspended_at', 'text').execute();

  await db.schema.createIndex('customers_by_family_kana').on('customers').column('family_kana').execute();
  await db.schema.createIndex('customers_by_full_kana').on('customers').expression(sql`(family_kana || given_kana)`).execute();
  await db.schema.createIndex('customers_by_family_name').on('customers').column('family_name').execute();
  await db.schema.createIndex('customers_by_full_name').on('customers').expression(sql`(family_name || given_name)`).execute();

  // Family kana first: the kana search, and a holder's other policies (kana, kana, birth date).
  await db.schema.createIndex('policies_by_holder_kana_birth').on('policies').columns(['holder_family_kana', 'holder_given_kana', 'birth_date']).execute();
  await db.schema.createIndex('policies_by_holder_full_kana').on('policies').expression(sql`(holder_family_kana || holder_given_kana)`).execute();
  await db.schema.createIndex('policies_by_holder_family_name').on('policies').column('holder_family_name').execute();
  await db.schema.createIndex('policies_by_holder_full_name').on('policies').expression(sql`(holder_family_name || holder_given_name)`).execute();
  await db.schema.createIndex('policies_by_phone_digits').on('policies').expression(sql`(replace(replace(replace(replace(phone, '-', ''), '(', ''), ')', ''), '+', ''))`).execute();

  await db.schema.createIndex('outbox_by_recipient').on('outbox').columns(['to_address', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'outbox_by_recipient',
    'policies_by_phone_digits',
    'policies_by_holder_full_name',
    'policies_by_holder_family_name',
    'policies_by_holder_full_kana',
    'policies_by_holder_kana_birth',
    'customers_by_full_name',
    'customers_by_family_name',
    'customers_by_full_kana',
    'customers_by_family_kana',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.alterTable('customers').dropColumn('suspended_at').execute();
}
