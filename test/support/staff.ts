import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import type { Clock, ManualClock } from '../../src/platform/clock.js';
import { runCli, type CliResult } from './cli.js';
import type { TestApp } from './app.js';
import { WebClient, textOf } from './web-client.js';

/** `keizoku staff …` against the test app's database, with its base URL for the setup link. */
export const staffCli = (t: TestApp, args: string[]): Promise<CliResult> =>
  runCli(['staff', ...args], { DATABASE_URL: t.database.url, BASE_URL: t.baseUrl, MAINTENANCE_WINDOWS: 'none' });

/** The setup URL the CLI printed as its last line, as a path for a WebClient of the app. */
export function setupPathOf(t: TestApp, stdout: string): string {
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  assert.match(last, /^http:\/\/127\.0\.0\.1:\d+\/console\/setup\?token=[A-Za-z0-9_-]{43}$/, 'the last line is the setup URL');
  assert.ok(last.startsWith(t.baseUrl));
  return last.slice(t.baseUrl.length);
}

/** A code as an authenticator app shows it at the clock's time (computed with otpauth, as the app would). */
export const codeAt = (secretBase32: string, at: Date): string =>
  new OTPAuth.TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) }).generate({ timestamp: at.getTime() });

/** The secret as the TOTP page shows it in text (groups of four joined). */
export function secretShown(html: string): string {
  const text = /id="totp-secret">([^<]+)</.exec(html)?.[1];
  assert.ok(text, 'the secret is shown as text');
  return text.replace(/\s/g, '');
}

export const recoveryCodesShown = (html: string): string[] => [...html.matchAll(/<li>((?:[0-9A-Z]{4}-){5}[0-9A-Z]{4})<\/li>/g)].map((m) => m[1]!);

/** Runs the whole setup in a fresh client: password, then the code of the secret shown. */
export async function completeSetup(t: TestApp, clock: Clock, setupPath: string, password: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const client = new WebClient(t.baseUrl);
  const form = await client.get(setupPath);
  assert.equal(form.status, 200, textOf(form.html));
  const token = new URL(setupPath, t.baseUrl).searchParams.get('token')!;
  const chosen = await client.post('/console/setup', { token, password, confirm: password });
  assert.equal(chosen.status, 303, textOf(chosen.html));
  const totp = await client.get('/console/setup/totp');
  assert.equal(totp.status, 200);
  const secret = secretShown(totp.html);
  const done = await client.post('/console/setup/totp', { code: codeAt(secret, clock.now()) });
  assert.equal(done.status, 200, textOf(done.html));
  const recoveryCodes = recoveryCodesShown(done.html);
  assert.equal(recoveryCodes.length, 10);
  return { secret, recoveryCodes };
}

/** Both login steps; returns the answer to the code step. */
export async function staffLogin(client: WebClient, login: string, password: string, code: string) {
  await client.get('/console/login');
  const first = await client.post('/console/login', { login, password });
  if (first.status !== 303) return first;
  assert.equal(first.location, '/console/login/code');
  await client.get('/console/login/code');
  return client.post('/console/login/code', { code });
}

/**
 * A new browser with a staff member logged in: password and a fresh TOTP code (the clock moves on
 * a step first, so a code is never used twice).
 */
export async function staffBrowser(t: TestApp, clock: ManualClock, login: string, password: string, totpSecret: string): Promise<WebClient> {
  const client = new WebClient(t.baseUrl);
  clock.advance(30_000);
  const answer = await staffLogin(client, login, password, codeAt(totpSecret, clock.now()));
  assert.equal(answer.status, 303, textOf(answer.html));
  return client;
}
