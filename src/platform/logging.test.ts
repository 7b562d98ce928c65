import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import pino from 'pino';
import { loggerOptions, requestId } from './logging.js';

/** A pino logger with the service's options, writing its lines into an array. */
function capture(): { log: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => { chunks.push(chunk.toString()); done(); } });
  const log = pino(loggerOptions('info'), sink);
  return { log, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const withHeader = (value: string | undefined) => ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as unknown as IncomingMessage;

describe('the JSON log', () => {
  it('keeps an error’s kind, code, message and stack, without addresses, and none of its other fields', () => {
    const { log, lines } = capture();
    const error = Object.assign(new Error('550 5.1.1 <taro@example.com>: Recipient address rejected'), { code: '23505', detail: 'Key (user_id)=(taro@example.com) already exists.' });
    log.error({ err: error }, 'request failed');
    const [line] = lines();
    const err = line?.err as Record<string, unknown>;
    assert.equal(err.type, 'Error');
    assert.equal(err.code, '23505');
    assert.equal(err.message, '550 5.1.1 <[address]>: Recipient address rejected');
    assert.match(String(err.stack), /^Error: 550 5\.1\.1 <\[address\]>/);
    assert.equal(err.detail, undefined);
    assert.doesNotMatch(JSON.stringify(line), /taro/);
  });

  it('drops the query string of a url and addresses from any other text detail', () => {
    const { log, lines } = capture();
    log.warn({ url: '/register/verify?token=Zm9vYmFyYmF6cXV4', outboxId: 'o1', error: 'no mailbox hanako.yamada+ins@example.co.jp here', attempts: 3 }, 'mail delivery failed');
    const { url, outboxId, error, attempts } = lines()[0] ?? {};
    assert.deepEqual({ url, outboxId, error, attempts }, { url: '/register/verify', outboxId: 'o1', error: 'no mailbox [address] here', attempts: 3 });
  });

  it('takes a well-formed X-Request-Id, and makes a UUID for a missing or malformed one', () => {
    assert.equal(requestId(withHeader('0f8fad5b-d9cb-469f-a165-70867728950e')), '0f8fad5b-d9cb-469f-a165-70867728950e');
    for (const bad of [undefined, '', 'short', 'taro@example.com', 'a b c d e f g h', 'x'.repeat(65), 'line\nbreak-injected', 'Root=1-67891233-abcdef0123']) {
      assert.match(requestId(withHeader(bad)), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, String(bad));
    }
  });
});
