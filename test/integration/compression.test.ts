import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET as bytes (fetch would decode the body and hide the encoding). */
function get(t: TestApp, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compression, favicon and the headers every answer carries', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('sends pages in brotli or gzip when asked, the same page as uncompressed', async () => {
    const plain = await get(t, '/');
    assert.equal(plain.headers['content-encoding'], undefined);
    const br = await get(t, '/', { 'accept-encoding': 'br, gzip' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.body).toString('utf8'), plain.body.toString('utf8'));
    assert.ok(br.body.length < plain.body.length * 0.7, `br ${br.body.length} of ${plain.body.length} bytes`);
    const gz = await get(t, '/login', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(gz.body).toString('utf8'), /ログイン/);
  });

  it('compresses the style sheet too', async () => {
    const css = await get(t, '/static/style.css', { 'accept-encoding': 'gzip' });
    assert.equal(css.status, 200);
    assert.equal(css.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(css.body).toString('utf8'), /--brand/);
  });

  it('has a favicon at /favicon.ico and linked from every page', async () => {
    const icon = await get(t, '/favicon.ico');
    assert.equal(icon.status, 200);
    assert.equal(icon.headers['content-type'], 'image/png');
    assert.deepEqual([...icon.body.subarray(1, 4)], [...Buffer.from('PNG')]);
    assert.match((await get(t, '/')).body.toString('utf8'), /<link rel="icon" type="image\/png" href="\/static\/favicon.png"/);
  });

  it('puts the same security headers on pages, files, a 404 and a malformed URL', async () => {
    const answers = await Promise.all(['/', '/favicon.ico', '/no-such-page', '/%E0%A4%A'].map((path) => get(t, path)));
    const [page] = answers;
    for (const name of ['content-security-policy', 'referrer-policy', 'x-frame-options', 'x-content-type-options', 'cross-origin-opener-policy']) {
      assert.ok(page?.headers[name], name);
      for (const answer of answers) assert.equal(answer.headers[name], page?.headers[name], `${name} on ${answer.status}`);
    }
    assert.equal(page?.headers['x-powered-by'], undefined);
  });

  it('sets the CSRF cookie only where a form was drawn', async () => {
    const top = await get(t, '/');
    assert.doesNotMatch(String(top.headers['set-cookie'] ?? ''), /keizoku_csrf/);
    const login = await get(t, '/login');
    assert.match(String(login.headers['set-cookie'] ?? ''), /keizoku_csrf=/);
  });
});
