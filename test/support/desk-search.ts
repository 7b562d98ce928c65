import assert from 'node:assert/strict';
import type { WebClient, WebPage } from './web-client.js';

/**
 * お客さま検索 as its form sends it: POST, then the 303 to the results, whose URL carries the search
 * sealed (decision 0030): nothing typed is in it. A refused search is answered at once (400).
 */
export async function deskSearch(client: WebClient, by: string, text: string): Promise<WebPage> {
  await client.get('/console/customers');
  const posted = await client.post('/console/customers', { by, q: text });
  if (posted.status !== 303) return posted;
  assert.match(posted.location ?? '', /^\/console\/customers\?s=[\w-]+$/, 'the results’ URL holds only the sealed search');
  return client.get(posted.location!);
}

/** A GET that may answer with a 303 to the sealed results (a URL from before sealing, or a page link). */
export async function getFollowing(client: WebClient, path: string): Promise<WebPage> {
  const page = await client.get(path);
  return page.status === 303 && page.location?.startsWith('/console/customers?s=') ? client.get(page.location) : page;
}
