import type { Db } from '../../platform/db/database.js';

export interface MailSummary {
  id: string;
  to_address: string;
  subject: string;
  created_at: string;
}

export interface MailRow extends MailSummary {
  from_address: string;
  text_body: string;
}

export async function listMail(db: Db, limit: number): Promise<MailSummary[]> {
  return db
    .selectFrom('dev_mailbox')
    .select(['id', 'to_address', 'subject', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findMail(db: Db, id: string): Promise<MailRow | undefined> {
  return db.selectFrom('dev_mailbox').select(['id', 'to_address', 'from_address', 'subject', 'text_body', 'created_at']).where('id', '=', id).executeTakeFirst();
}
