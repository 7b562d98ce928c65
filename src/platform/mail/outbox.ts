import type { Db } from '../db/database.js';
import { newId } from '../crypto.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Flows queue mail in their own transaction; the dispatcher delivers it after commit. */
export interface MailQueue {
  enqueue(db: Db, message: MailMessage, at: Date): Promise<void>;
  /** Ask the dispatcher to look at the outbox now rather than at its next poll. */
  kick(): void;
}

const HEADER_BREAK = /[\r\n]/;

/** Refuses CR/LF in what becomes a header: no header injection, whatever a form let through. */
export function assertHeaderSafe(message: MailMessage): void {
  if (HEADER_BREAK.test(message.to) || HEADER_BREAK.test(message.subject)) {
    throw new Error('mail header contains a line break');
  }
}

const URL_QUERY = /(https?:\/\/[^\s?#]+)\?[^\s#]*/g;

/**
 * The text as the outbox keeps it once the mail is out: URLs without their query strings,
 * where mail links carry one-time tokens (the database keeps only their SHA-256).
 */
export function withoutQueryStrings(text: string): string {
  return text.replace(URL_QUERY, '$1?');
}

export async function enqueueMail(db: Db, message: MailMessage, at: Date): Promise<void> {
  assertHeaderSafe(message);
  await db
    .insertInto('outbox')
    .values({
      id: newId(),
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      status: 'queued',
      attempts: 0,
      next_attempt_at: at.toISOString(),
      last_error: null,
      created_at: at.toISOString(),
      sent_at: null,
    })
    .execute();
}
