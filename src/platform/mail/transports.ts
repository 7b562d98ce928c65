import nodemailer from 'nodemailer';
import type { Db } from '../db/database.js';
import { newId } from '../crypto.js';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(mail: OutgoingMail, at: Date): Promise<void>;
  close(): void;
}

/** Real delivery through nodemailer to SMTP_URL. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail({ ...mail, textEncoding: 'base64' });
    },
    close: () => transporter.close(),
  };
}

/** The built-in dev mailbox: mail lands in a table that /dev/mailbox lists (dev and demo only). */
export function devMailboxTransport(db: Db): MailTransport {
  return {
    async send(mail, at) {
      await db
        .insertInto('dev_mailbox')
        .values({
          id: newId(),
          to_address: mail.to,
          from_address: mail.from,
          subject: mail.subject,
          text_body: mail.text,
          created_at: at.toISOString(),
        })
        .execute();
    },
    close: () => undefined,
  };
}
