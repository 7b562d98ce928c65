import assert from 'node:assert/strict';
import type { TestApp } from './app.js';
import { WebClient, textOf, type WebPage } from './web-client.js';

/** A client logged in as userId (the login answers 303), for pages behind the login. */
export async function loggedIn(t: TestApp, userId: string, password: string): Promise<WebClient> {
  const client = new WebClient(t.baseUrl);
  await client.get('/login');
  const answer = await client.post('/login', { userId, password });
  assert.equal(answer.status, 303, `login ${userId}`);
  return client;
}

/** The text of the page's error summary ('' when there is none). */
export const summaryOf = (page: WebPage) => textOf(/<div class="error-summary" role="alert">(.*?)<\/div>/s.exec(page.html)?.[1] ?? '');

/** The text of the error shown next to the field named name ('' when there is none). */
export const fieldError = (page: WebPage, name: string) => textOf(new RegExp(`<p class="error" id="f-${name}-error" role="alert">(.*?)</p>`, 's').exec(page.html)?.[1] ?? '');
