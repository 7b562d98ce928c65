import { newId } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';

export interface DemoNews {
  id: string;
  agencyCode: string;
  publishedOn: string;
  title: string;
  body: string;
}

/** Creates or renames the demo agencies by code. */
export async function upsertAgencies(db: Db, agencies: Array<{ code: string; name: string }>, at: string): Promise<void> {
  if (!agencies.length) return;
  await db
    .insertInto('agencies')
    .values(agencies.map((a) => ({ code: a.code, name: a.name, created_at: at, updated_at: at })))
    .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), updated_at: eb.ref('excluded.updated_at') })))
    .execute();
}

/** News by fixed id, so loading the demo again refreshes it instead of adding copies. */
export async function upsertNews(db: Db, news: DemoNews[], at: string): Promise<void> {
  if (!news.length) return;
  await db
    .insertInto('agency_news')
    .values(news.map((n) => ({ id: n.id, agency_code: n.agencyCode, published_on: n.publishedOn, title: n.title, body: n.body, published: 1, created_at: at, updated_at: null })))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        agency_code: eb.ref('excluded.agency_code'),
        published_on: eb.ref('excluded.published_on'),
        title: eb.ref('excluded.title'),
        body: eb.ref('excluded.body'),
      })),
    )
    .execute();
}

export interface DemoCustomer {
  userId: string;
  passwordHash: string;
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
  birthDate: string;
  policyNumber: string;
}

/**
 * The demo's registered customer: created once (by user ID), and linked to their policy unless
 * the policy already belongs to an account. Returns the customer's id.
 */
export async function ensureDemoCustomer(db: Db, c: DemoCustomer, at: string): Promise<string> {
  await db
    .insertInto('customers')
    .values({
      id: newId(),
      user_id: c.userId,
      password_hash: c.passwordHash,
      family_name: c.familyName,
      given_name: c.givenName,
      family_kana: c.familyKana,
      given_kana: c.givenKana,
      birth_date: c.birthDate,
      last_login_at: null,
      previous_login_at: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  const { id } = await db.selectFrom('customers').select('id').where('user_id', '=', c.userId).executeTakeFirstOrThrow();
  await db.updateTable('policies').set({ customer_id: id, updated_at: at }).where('policy_number', '=', c.policyNumber).where('customer_id', 'is', null).execute();
  return id;
}
