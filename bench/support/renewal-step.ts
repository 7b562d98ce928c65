import type { WebClient } from '../../test/support/web-client.js';

/**
 * The logged-in bench customer's renewal moved to step 2, as a person gets there: the 継続手続
 * button on home (the policy named by its reference, decision 0030), step 1 answered. Its path.
 */
export async function renewalAtPlans(client: WebClient): Promise<string> {
  const home = await client.get('/mypage/renewals');
  const link = /href="(\/renewal\/[0-9a-f]{32})"/.exec(home.html)?.[1];
  if (!link) throw new Error(`no 継続手続 button on home: ${home.status}`);
  await client.get(link);
  const step = await client.post(link, { vehicle_changed: 'yes', insured_changed: 'yes' });
  if (step.location !== `${link}/plans`) throw new Error(`renewal step 1 did not move on: ${step.status} ${step.location}`);
  return step.location;
}
