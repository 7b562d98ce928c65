import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';
import { WebClient } from '../support/web-client.js';

// ASVS 5.0 V4.1.3: X-Forwarded-For is believed only from the proxies TRUST_PROXY names. From any
// other peer a forged header neither spreads the guesses over made-up addresses nor locks them.

const SPOOFED = ['203.0.113.7', '198.51.100.23', '192.0.2.99', '203.0.113.8', '198.51.100.24', '192.0.2.100'];

/** Wrong logins, each for another unknown ID (no account lock) and with another forged client address. */
async function wrongLogins(t: TestApp): Promise<void> {
  for (const [i, forged] of SPOOFED.entries()) {
    const client = new WebClient(t.baseUrl, { 'x-forwarded-for': forged });
    await client.get('/login');
    assert.equal((await client.post('/login', { userId: `nobody${i}@example.com`, password: 'Wrong1234' })).status, 401);
  }
}

async function ipKeys(t: TestApp): Promise<Array<{ key: string; failures: number }>> {
  const rows = await t.deps.db.selectFrom('throttles').select(['key', 'failures']).where('key', 'like', 'login:ip:%').orderBy('key').execute();
  return rows.map((r) => ({ key: r.key, failures: Number(r.failures) }));
}

for (const kind of databaseKinds()) {
  describe(`forged X-Forwarded-For on ${kind}`, () => {
    let untrusted: TestApp;
    let behindProxy: TestApp;
    before(async () => {
      untrusted = await startTestApp({ db: kind });
      behindProxy = await startTestApp({ db: kind, env: { TRUST_PROXY: '127.0.0.1' } });
    });
    after(async () => {
      await untrusted.close();
      await behindProxy.close();
    });

    it('TRUST_PROXY unset: every guess counts on the peer’s own address, none on the forged ones', async () => {
      await wrongLogins(untrusted);
      assert.deepEqual(await ipKeys(untrusted), [{ key: 'login:ip:127.0.0.1', failures: SPOOFED.length }]);
      const audit = await untrusted.deps.db.selectFrom('audit_events').select('ip').where('kind', '=', 'login_failed').execute();
      assert.deepEqual([...new Set(audit.map((a) => a.ip))], ['127.0.0.1']);
    });

    it('TRUST_PROXY naming the peer: the header is believed (the contrast that shows the setting decides)', async () => {
      await wrongLogins(behindProxy);
      assert.deepEqual((await ipKeys(behindProxy)).map((k) => k.key), SPOOFED.map((ip) => `login:ip:${ip}`).sort());
    });
  });
}
