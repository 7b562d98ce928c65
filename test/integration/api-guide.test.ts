import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { newClient } from '../support/api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { insertCustomer } from '../support/customers.js';
import { databaseKinds } from '../support/db.js';
import { insertPolicy } from '../support/factories.js';
import { addressRequest, applicationRow, insertApplicationRow } from '../support/processing.js';

const GUIDE = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
const blocks = (language: string) => [...GUIDE.matchAll(new RegExp('```' + language + '\\n(.*?)```', 'gs'))].map((m) => m[1]!);
const SEPARATOR = '----- next block -----';
// The 受付番号 and change request the guide's examples name.
const RECEPTION = 'R20261125-7F3A9C01';
const REQUEST = '0b6e2f4e-3c1d-4f7a-9a51-2d8c6e1f7b30';

/** What the guide's examples take in: one application and one change request of a customer. */
async function filed(t: TestApp): Promise<void> {
  const db = t.deps.db;
  await insertPolicy(db, { policy_number: 'C900000001' });
  const customer = await insertCustomer(db, { userId: 'guide@example.com', password: 'Guide1234', policies: ['C900000001'] });
  await insertApplicationRow(db, applicationRow('C900000001', customer.id, { reception_number: RECEPTION }));
  const id = await addressRequest(db, customer.id, new Date(), '東京都港区芝公園4-2-8', ['C900000001']);
  await db.updateTable('change_requests').set({ id: REQUEST }).where('id', '=', id).execute();
}

for (const kind of databaseKinds()) {
  describe(`docs/api.md's curl examples on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind });
    });
    after(() => t.close());

    it('run as written with real curl: token, PUT, batch (the answer shown), GET, the feed, both acknowledgements', async () => {
      const shell = blocks('sh');
      assert.equal(shell.length, 7, 'token, PUT, batch, GET, page through, acknowledge, outcome');
      assert.ok(shell.every((block) => block.includes('curl ')));
      await filed(t);
      const { clientId, clientSecret } = await newClient(t, 'policies:write,policies:read,applications:read,change-requests:read');
      const script = ['set -euo pipefail', ...shell.map((block) => `${block}\necho\necho '${SEPARATOR}'`)].join('\n');
      const run = await bash(script, { KEIZOKU: t.baseUrl, CLIENT_ID: clientId, CLIENT_SECRET: clientSecret });
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
      const [token, put, batch, get, pages, ack, outcome] = run.stdout.split(`${SEPARATOR}\n`).map((out) => out.trim());
      assert.equal(token, '', 'the token goes to $TOKEN');
      assert.equal(JSON.parse(put!).policy_number, 'C123456789');
      const shown = blocks('json');
      assert.deepEqual(JSON.parse(batch!), JSON.parse(shown[1]!), 'the batch answers what the guide shows');
      const policy = JSON.parse(get!) as Record<string, unknown>;
      assert.deepEqual([policy.policy_number, policy.status, policy.has_web_account, policy.riders], ['C123456789', 'in_force', false, ['lawyer', 'road_assistance']]);
      const invalid = JSON.parse(shown[0]!) as { status: number; errors: unknown[] };
      assert.equal(invalid.status, 422);
      const read = pages!.split('\n').map((line) => JSON.parse(line) as { items: Array<{ reception_number: string }> });
      assert.equal(read.length, 2, 'a page with the application, then an empty one that ends the loop');
      assert.deepEqual(read.flatMap((page) => page.items.map((item) => item.reception_number)), [RECEPTION]);
      assert.deepEqual([JSON.parse(ack!).reception_number, JSON.parse(ack!).acknowledged], [RECEPTION, true]);
      const decided = JSON.parse(outcome!) as { id: string; status: string; note: string };
      assert.deepEqual([decided.id, decided.status, decided.note], [REQUEST, 'rejected', '番地が確認できませんでした。お手数ですが代理店にご連絡ください。']);
    });
  });
}

/** Runs a script in a clean bash (no rc files), with only PATH and `env` set. */
function bash(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
