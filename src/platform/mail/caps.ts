import { takeAttempts, type ThrottlePolicy } from '../auth/throttle.js';
import { sha256 } from '../crypto.js';
import type { Db } from '../db/database.js';

const DAY = 24 * 3_600_000;

/** Mails a day that requests from outside may make us send into one mailbox, whatever the flow. */
export const MAILBOX_DAILY_CAP: ThrottlePolicy = { limit: 10, windowMs: DAY, lockMs: DAY };
/** Mails a day that requests from one address may make us send (carrier NAT shares addresses: high). */
export const SENDER_IP_DAILY_CAP: ThrottlePolicy = { limit: 50, windowMs: DAY, lockMs: DAY };

/**
 * The mailbox an address delivers to, for counting only (the address is stored as typed):
 * NFKC, lower case, and a `+tag` dropped, so `Victim+1@…` and `victim+2@…` count as one.
 */
export function mailboxOf(address: string): string {
  const folded = address.normalize('NFKC').trim().toLowerCase();
  const at = folded.lastIndexOf('@');
  if (at < 1) return folded;
  const local = folded.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}${folded.slice(at)}`;
}

export interface MailRequest {
  to: string;
  ip: string;
  /** The flow's own caps (e.g. per policy), counted with the mailbox's and the address's. */
  more?: Array<{ key: string; policy: ThrottlePolicy }>;
}

/**
 * Counts one mail that a request asks for, inside the transaction that would queue it (parallel
 * requests cannot pass a cap together; a rollback gives the count back). False: send nothing,
 * and answer as if it had been sent (the screen must not tell whether it went).
 */
export async function withinMailCaps(db: Db, now: Date, request: MailRequest): Promise<boolean> {
  const gate = await takeAttempts(db, now, [
    { key: `mail:to:${sha256(mailboxOf(request.to))}`, policy: MAILBOX_DAILY_CAP },
    { key: `mail:ip:${request.ip}`, policy: SENDER_IP_DAILY_CAP },
    ...(request.more ?? []),
  ]);
  return gate.allowed;
}
