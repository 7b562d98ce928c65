import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { SmtpTls } from '../../config.js';
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

/**
 * nodemailer's options for SMTP_TLS: `require` sends nothing unless STARTTLS (or smtps://) is up
 * with a certificate that chains to SMTP_CA_FILE or the system's CAs; TLS 1.2 at least whenever
 * TLS is used. What SMTP_URL's query sets is applied over these.
 */
export function smtpOptions(url: string, tls: SmtpTls): SMTPTransport.Options {
  return {
    url,
    requireTLS: tls.mode === 'require',
    ignoreTLS: tls.mode === 'off',
    tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true, ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}) },
  };
}

/** Real delivery through nodemailer to SMTP_URL. */
export function smtpTransport(url: string, tls: SmtpTls = { mode: 'opportunistic', caFile: null }): MailTransport {
  const transporter = nodemailer.createTransport(smtpOptions(url, tls));
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
