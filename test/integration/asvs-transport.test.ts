import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { smtpTransport } from '../../src/platform/mail/transports.js';
import { MailCatcher } from '../support/mail-catcher.js';

// ASVS 5.0 V12.3.1, V12.3.3, V12.3.4: mail leaves with TLS or not at all (SMTP_TLS=require, the
// production default), against a certificate the service verifies (SMTP_CA_FILE for a private CA).

const dir = mkdtempSync(join(tmpdir(), 'keizoku-tls-'));
const keyFile = join(dir, 'key.pem');
const certFile = join(dir, 'cert.pem');
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });

/** An SMTP server offering STARTTLS with the test's self-signed certificate; notes whether each message came over TLS. */
function tlsServer(received: Array<{ secure: boolean; text: string }>): SMTPServer {
  return new SMTPServer({
    key: readFileSync(keyFile),
    cert: readFileSync(certFile),
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ secure: session.secure, text: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
}

const listen = (server: SMTPServer): Promise<number> =>
  new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

const MAIL = { from: 'no-reply@keizoku.example', to: 'taro@example.com', subject: '【みらい損保】TLS', text: 'https://keizoku.example.jp/register/verify?token=x' };

describe('SMTP transport security', () => {
  const received: Array<{ secure: boolean; text: string }> = [];
  const server = tlsServer(received);
  const plain = new MailCatcher();
  let url = '';
  before(async () => {
    url = `smtp://127.0.0.1:${await listen(server)}`;
    await plain.start();
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await plain.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('12.3.1: SMTP_TLS=require sends nothing to a server that offers no STARTTLS', async () => {
    const transport = smtpTransport(plain.url, { mode: 'require', caFile: null });
    try {
      await assert.rejects(transport.send(MAIL, new Date()), /STARTTLS/i);
    } finally {
      transport.close();
    }
    assert.equal(plain.messages.length, 0);
    // The same server takes the mail when TLS is not required (development's default): the refusal above is the setting's.
    const opportunistic = smtpTransport(plain.url, { mode: 'opportunistic', caFile: null });
    await opportunistic.send(MAIL, new Date());
    opportunistic.close();
    assert.equal(plain.messages.length, 1);
  });

  it('12.3.3: a certificate that chains to no trusted CA is refused, mail and all', async () => {
    const transport = smtpTransport(url, { mode: 'require', caFile: null });
    try {
      await assert.rejects(transport.send(MAIL, new Date()), /self[- ]signed certificate/i);
    } finally {
      transport.close();
    }
    assert.equal(received.length, 0);
  });

  it('12.3.4: with SMTP_CA_FILE naming the private CA the mail goes over STARTTLS', async () => {
    const transport = smtpTransport(url, { mode: 'require', caFile: certFile });
    try {
      await transport.send(MAIL, new Date());
    } finally {
      transport.close();
    }
    assert.equal(received.length, 1);
    assert.equal(received[0]?.secure, true, 'the message came over TLS');
    assert.match(received[0]?.text ?? '', /Subject: =\?UTF-8\?/);
  });
});
