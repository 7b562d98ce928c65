import type { TestApp } from './app.js';
import type { CaughtMail } from './mail-catcher.js';
import { MailCatcher } from './mail-catcher.js';
import type { WebClient, WebPage } from './web-client.js';

/** 三住 太郎's step 1 entries (the policy from insertPolicy), with whatever a test changes. */
export function step1Fields(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    family_name: '三住',
    given_name: '太郎',
    family_kana: 'ミツスミ',
    given_kana: 'タロウ',
    birth_date: '1975-01-01',
    email: 'taro@example.com',
    keyword: 'Abc123',
    policy_number: 'C123456789',
    agree: '1',
    ...overrides,
  };
}

/** ログインのお知らせ, which every login from a new test client sends (decision 0023). */
export const isLoginNotice = (mail: CaughtMail): boolean => mail.subject.endsWith('】ログインのお知らせ') || mail.subject.endsWith('] New login to your account');

/**
 * The next mail to `to` that arrives after this call (earlier mail to the same address is ignored),
 * other than a login notice: a test's fresh clients are new browsers, whose logins each send one.
 */
export function nextMail(t: TestApp, to: string): () => Promise<CaughtMail> {
  const seen = t.mail.messages.length;
  return () => t.mail.waitFor(to, (m) => t.mail.messages.indexOf(m) >= seen && !isLoginNotice(m));
}

/** The mail link as a path on the test server (the mail carries BASE_URL's origin). */
export function mailPath(mail: CaughtMail): string {
  const url = new URL(MailCatcher.firstUrl(mail));
  return `${url.pathname}${url.search}`;
}

export const tokenOf = (path: string): string => new URL(path, 'http://x').searchParams.get('token') ?? '';

export function expectStatus(page: WebPage, status: number, where: string): WebPage {
  if (page.status !== status) throw new Error(`${where}: expected ${status}, got ${page.status} ${page.location ?? ''}\n${page.html.slice(0, 2000)}`);
  return page;
}

/** Steps 1–3 in a cookie-keeping client; returns the mail link's path. */
export async function requestRegistration(t: TestApp, client: WebClient, overrides: Record<string, string | string[]> = {}): Promise<string> {
  const fields = step1Fields(overrides);
  const mail = nextMail(t, String(fields.email).toLowerCase());
  await client.get('/register');
  expectStatus(await client.post('/register', fields), 303, 'POST /register');
  await client.get('/register/confirm');
  expectStatus(await client.post('/register/confirm', {}), 303, 'POST /register/confirm');
  return mailPath(await mail());
}

/** Keyword, ID/password, confirmation and completion at a mail link; ends logged in on `client`. */
export async function completeAtLink(
  client: WebClient,
  base: '/register' | '/recovery',
  path: string,
  input: { keyword: string; userId: string; password: string },
): Promise<void> {
  await client.get(path);
  expectStatus(await client.post(`${base}/verify`, { token: tokenOf(path), keyword: input.keyword }), 303, 'POST verify');
  await client.get(`${base}/credentials`);
  const fields = { user_id: input.userId, user_id_confirm: input.userId, password: input.password, password_confirm: input.password, agree: '1' };
  expectStatus(await client.post(`${base}/credentials`, fields), 303, 'POST credentials');
  await client.get(`${base}/credentials/confirm`);
  expectStatus(await client.post(`${base}/credentials/confirm`, {}), 303, 'POST credentials/confirm');
}
