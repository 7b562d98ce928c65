import { createHmac } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import { isPolicyNumber } from './policy-number.js';
import { ownPolicyNumbers } from './policy-query.js';

// A policy in a customer's URLs is named by a reference, never by its 証券番号, so the number stays
// out of proxy logs, browser history and Referer (ASVS 14.2.1, decision 0030). The reference is an
// HMAC of the number under a key derived from the server secret: stable (a bookmark keeps working),
// meaningless without the secret, and 32 hex characters, longer than any 証券番号, so the two
// never mix in one URL segment.

const REF = /^[0-9a-f]{32}$/;
const keys = new Map<string, Buffer>();

function refKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('policy-ref').digest();
    keys.set(secret, key);
  }
  return key;
}

/** The reference that stands for this 証券番号 in URLs. */
export const policyRef = (secret: string, policyNumber: string): string =>
  createHmac('sha256', refKey(secret)).update(policyNumber).digest('hex').slice(0, 32);

/**
 * What a URL segment names among the customer's own policies: `own` by its reference; `numbered`
 * when it is the 証券番号 itself (URLs from before references: the caller redirects to `ref`);
 * `none` when it names no policy of theirs, someone else's included.
 */
export type PolicyInUrl = { kind: 'own'; policyNumber: string } | { kind: 'numbered'; ref: string } | { kind: 'none' };

export async function ownPolicyInUrl(deps: { db: Db; secret: string }, customerId: string, segment: string): Promise<PolicyInUrl> {
  const byRef = REF.test(segment);
  if (!byRef && !isPolicyNumber(segment)) return { kind: 'none' };
  const own = await ownPolicyNumbers(deps.db, customerId);
  if (byRef) {
    const policyNumber = own.find((number) => policyRef(deps.secret, number) === segment);
    return policyNumber ? { kind: 'own', policyNumber } : { kind: 'none' };
  }
  return own.includes(segment) ? { kind: 'numbered', ref: policyRef(deps.secret, segment) } : { kind: 'none' };
}
