// Shared setup of the renewal integration tests: 三住 太郎 with C123456789 in its window.
import assert from 'node:assert/strict';
import { policyRef } from '../../src/features/policies/policy-ref.js';
import type { Db } from '../../src/platform/db/database.js';
import type { TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { insertPolicy } from '../support/factories.js';
import { WebClient, type WebPage } from '../support/web-client.js';

// Wednesday 2026-11-25 10:00 in Japan: C123456789 (満期日 2026-12-27) is in its window
// (2026-10-27 – 2026-12-26).
export const BASE = new Date('2026-11-25T01:00:00Z');
export const POLICY = 'C123456789';
export const USER = { userId: 'abc@example.com', password: 'Abc12345' };
export const YUMI = { userId: 'yumi@example.com', password: 'Yumi12345' };
export const YOUNG = { userId: 'young@example.com', password: 'Young12345' };

// The secret of the app seeded last: place() names a policy by its reference under it, as the
// site's own links do. A file's describe blocks (one per database) run one after another.
let seededSecret = '';

/** Policies and customers every renewal test file uses. */
export async function seedRenewal({ db, secret }: { db: Db; secret: string }): Promise<void> {
  seededSecret = secret;
  const now = BASE.toISOString();
  await db.insertInto('agencies').values({ code: 'D0002', name: 'あおば保険事務所', created_at: now, updated_at: now }).execute();
  await insertPolicy(db);
  await insertPolicy(db, { policy_number: 'C123456790', start_date: '2026-03-01', end_date: '2027-03-01', vehicle_model: 'N-BOX', vehicle_class: 'kei_car', grade: 7, age_condition: 'all', driver_scope: 'any', vehicle_coverage: 'limited', vehicle_amount: 1300000, vehicle_deductible: '10-10', riders: '', annual_premium: 61200, payment_method: 'card' });
  await insertPolicy(db, { policy_number: 'C900000001', start_date: '2025-11-25', end_date: '2026-11-25' });
  await insertPolicy(db, { policy_number: 'C900000002', start_date: '2025-12-20', end_date: '2026-12-20', product: 'fire' });
  await insertPolicy(db, { policy_number: 'C223344556', agency_code: 'D0002', holder_family_name: '青木', holder_given_name: '由美', birth_date: '1990-06-30', end_date: '2026-12-10', vehicle_model: 'フィット', grade: 6, accident_coefficient_years: 0, claims_this_term: 1, age_condition: '26', driver_scope: 'self_spouse', use_purpose: 'commute', personal_injury: '50000000', vehicle_coverage: 'none', vehicle_amount: null, vehicle_deductible: null, riders: 'lawyer', payment_method: 'convenience', annual_premium: 72400 });
  await insertPolicy(db, { policy_number: 'C334455667', holder_family_name: '中村', holder_given_name: '健', vehicle_model: 'ハイエース' });
  await insertPolicy(db, { policy_number: 'C555000001', holder_family_name: '若井', holder_given_name: '翔', birth_date: '2004-06-01', age_condition: 'all', end_date: '2026-12-20', start_date: '2025-12-20' });
  await insertCustomer(db, { ...USER, policies: [POLICY, 'C123456790', 'C900000001', 'C900000002'] });
  await insertCustomer(db, { ...YUMI, familyName: '青木', givenName: '由美', birthDate: '1990-06-30', policies: ['C223344556'] });
  await insertCustomer(db, { ...YOUNG, familyName: '若井', givenName: '翔', birthDate: '2004-06-01', policies: ['C555000001'] });
}

export async function loggedIn(t: TestApp, who: { userId: string; password: string } = USER): Promise<WebClient> {
  const client = new WebClient(t.baseUrl);
  await client.get('/login');
  const answer = await client.post('/login', { userId: who.userId, password: who.password });
  assert.equal(answer.status, 303, 'login');
  return client;
}

/** A renewal step's URL, as the site links it: the policy named by its reference. */
export const place = (step: string, policy = POLICY): string => `/renewal/${policyRef(seededSecret, policy)}${step}`;

/** The revision the last page's form carries. */
export function revisionOf(page: WebPage): string {
  const match = /name="revision" value="(\d+)"/.exec(page.html);
  assert.ok(match, 'the page has a revision field');
  return match[1] as string;
}

export const ALL_CONFIRMED = { confirm_coverage: '1', confirm_drivers: '1', confirm_use: '1', confirm_matters: '1' };

async function expectRedirect(page: WebPage, to: string): Promise<void> {
  assert.equal(page.status, 303, `expected a 303 to ${to}, got ${page.status}: ${page.html.slice(0, 300)}`);
  assert.equal(page.location, to);
}

/** Steps 1–5 by POST, as a browser without JavaScript would: the flow ends at お申込内容の確認. */
export async function walkToReview(client: WebClient, options: { plan?: string; payment?: Record<string, string>; policy?: string } = {}): Promise<void> {
  const policy = options.policy ?? POLICY;
  const at = (step: string) => place(step, policy);
  await client.get(at(''));
  await expectRedirect(await client.post(at(''), { vehicle_changed: 'yes', insured_changed: 'yes' }), at('/plans'));
  await client.get(at('/plans'));
  await expectRedirect(await client.post(at('/plans'), { plan: options.plan ?? 'same' }), at('/premium'));
  await client.get(at('/premium'));
  await expectRedirect(await client.post(at('/premium'), {}), at('/important-matters'));
  const matters = await client.get(at('/important-matters'));
  await expectRedirect(await client.post(at('/important-matters'), { ...ALL_CONFIRMED, revision: revisionOf(matters) }), at('/payment'));
  await client.get(at('/payment'));
  await expectRedirect(await client.post(at('/payment'), options.payment ?? { payment_method: 'keep', payment_frequency: 'annual' }), at('/review'));
}

/** The flow rows of the renewal kind (their data as stored). */
export async function renewalFlows(db: Db): Promise<Array<{ id: string; state: string; data: string; expires_at: string }>> {
  return db.selectFrom('flows').select(['id', 'state', 'data', 'expires_at']).where('kind', '=', 'renewal').orderBy('created_at').execute();
}

export async function applicationCount(db: Db, policy = POLICY): Promise<number> {
  const row = await db.selectFrom('renewal_applications').select((eb) => eb.fn.countAll<number>().as('n')).where('policy_number', '=', policy).executeTakeFirstOrThrow();
  return Number(row.n);
}
