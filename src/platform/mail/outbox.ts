import type { Db } from '../db/database.js';
import { newId } from '../crypto.js';
import { assertSecretsInSlots, sealSecrets, type MailSecrets } from './secrets.js';

export interface MailMessage {
  to: string;
  subject: string;
  /** Where a secret belongs, the text holds `secretSlot(name)`, never the value. */
  text: string;
  /** The slots' values: sealed in the outbox row, filled in only when the mail is delivered. */
  secrets?: MailSecrets;
}

/** Flows queue mail in their own transaction; the dispatcher delivers it after commit. */
export interface MailQueue {
  /** Resolves to the outbox row's id. */
  enqueue(db: Db, message: MailMessage, at: Date): Promise<string>;
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
 * The text as the outbox keeps it once the mail is out: URLs without their query strings.
 * Rows queued before secrets were sealed (migration 0006) carried their tokens there.
 */
export function withoutQueryStrings(text: string): string {
  return text.replace(URL_QUERY, '$1?');
}

const hasSecrets = (message: MailMessage): message is MailMessage & { secrets: MailSecrets } => Object.keys(message.secrets ?? {}).length > 0;

/** Queues a mail; its secrets are sealed under a key derived from the server secret. Returns the outbox row's id. */
export async function enqueueMail(db: Db, message: MailMessage, at: Date, serverSecret: string): Promise<string> {
  assertHeaderSafe(message);
  assertSecretsInSlots(message.text, message.subject, message.secrets);
  const id = newId();
  await db
    .insertInto('outbox')
    .values({
      id,
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      secrets_sealed: hasSecrets(message) ? sealSecrets(serverSecret, id, message.to, message.secrets) : null,
      status: 'queued',
      attempts: 0,
      next_attempt_at: at.toISOString(),
      last_error: null,
      created_at: at.toISOString(),
      sent_at: null,
    })
    .execute();
  return id;
}
