import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { insertNews } from '../../src/features/agency-home/repository.js';
import type { Db } from '../../src/platform/db/database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';

async function insertAgency(db: Db, code: string, name: string): Promise<void> {
  const at = new Date().toISOString();
  await db.insertInto('agencies').values({ code, name, created_at: at, updated_at: at }).execute();
}

/** A request with the path exactly as given (fetch would normalise `..` and encode the rest). */
function rawGet(baseUrl: string, path: string): Promise<{ status: number; body: string; csp: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, csp: String(res.headers['content-security-policy'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const kind of databaseKinds()) {
  describe(`top page and agency pages on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind });
      const { db } = t.deps;
      await insertAgency(t.deps.db, 'D0001', 'みらい保険サービス有限会社');
      await insertAgency(t.deps.db, 'D0002', '<script>alert(1)</script>代理店');
      const at = new Date('2026-11-25T00:00:00Z');
      await insertNews(db, { agencyCode: 'D0001', publishedOn: '2026-04-01', title: '春の交通安全運動', body: '安全運転をお願いします。' }, at);
      await insertNews(db, { agencyCode: 'D0001', publishedOn: '2026-11-25', title: '年末年始の営業について', body: '12月29日から1月3日までお休みします。\n<b>お急ぎの方</b>は事故受付へ。' }, at);
      await insertNews(db, { agencyCode: 'D0001', publishedOn: '2025-12-10', title: '事務所移転のお知らせ', body: '新住所でお待ちしております。' }, at);
      await insertNews(db, { agencyCode: 'D0002', publishedOn: '2026-11-30', title: '他の代理店のお知らせ', body: '表示されないはず' }, at);
    });
    after(async () => t.close());

    it('the top page introduces the service and links to login, registration and every agency', async () => {
      const res = await fetch(`${t.baseUrl}/`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<h1>みらい損保 お客さまWebサービス<\/h1>/);
      assert.match(html, /契約内容の確認/);
      assert.match(html, /自動車保険の継続手続/);
      assert.match(html, /<a class="button primary" href="\/login">ログイン<\/a>/);
      assert.match(html, /<a href="\/register">初めてご利用いただく方はこちら<\/a>/);
      assert.match(html, /<a href="\/recovery">ユーザーID・パスワードをお忘れの方はこちら<\/a>/);
      assert.match(html, /取扱代理店/);
      assert.match(html, /<a href="\/agency\/D0001">みらい保険サービス有限会社<\/a>/);
      assert.match(html, /<a href="\/agency\/D0002">&lt;script>alert\(1\)&lt;\/script>代理店<\/a>/);
      assert.doesNotMatch(html, /<script>/);
    });

    it("an agency's page shows its own news newest first with dates, and the login button", async () => {
      const res = await fetch(`${t.baseUrl}/agency/D0001`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<h1>みらい保険サービス有限会社<\/h1>/);
      const dates = [...html.matchAll(/<time datetime="([^"]+)">([^<]+)<\/time>/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(dates, [
        ['2026-11-25', '2026年11月25日'],
        ['2026-04-01', '2026年4月1日'],
        ['2025-12-10', '2025年12月10日'],
      ]);
      const titles = ['年末年始の営業について', '春の交通安全運動', '事務所移転のお知らせ'].map((title) => html.indexOf(title));
      assert.ok(titles.every((i, n) => i > 0 && (n === 0 || i > titles[n - 1]!)), `titles out of order: ${titles.join(',')}`);
      assert.match(html, /<p>12月29日から1月3日までお休みします。<\/p><p>&lt;b>お急ぎの方&lt;\/b>は事故受付へ。<\/p>/);
      assert.doesNotMatch(html, /他の代理店のお知らせ/);
      assert.match(html, /<a class="button primary" href="\/login">ログイン<\/a>/);
    });

    it('an agency without news says so', async () => {
      const html = await (await fetch(`${t.baseUrl}/agency/D0002`)).text();
      assert.match(html, /他の代理店のお知らせ/);
      await insertAgency(t.deps.db, 'D0003', 'ニュースのない代理店');
      const empty = await (await fetch(`${t.baseUrl}/agency/D0003`)).text();
      assert.match(empty, /現在お知らせはありません。/);
    });

    it('an unknown agency gets the Japanese not-found page', async () => {
      const res = await fetch(`${t.baseUrl}/agency/D9999`);
      assert.equal(res.status, 404);
      const html = await res.text();
      assert.match(html, /ページが見つかりません/);
      assert.match(html, /お探しの代理店のページは見つかりませんでした。/);
      assert.match(html, /インターネットデスク/);
    });

    it('no agency code, however odd, ever gets a 500', async () => {
      const codes = [
        'x'.repeat(5000),
        encodeURIComponent('代理店'),
        encodeURIComponent('𠮷野家'),
        '..%2F..%2Fetc%2Fpasswd',
        '%2e%2e',
        encodeURIComponent("D0001' OR '1'='1"),
        encodeURIComponent('D0001; DROP TABLE agencies; --'),
        '%00',
        'D0001%00',
        '%0d%0aSet-Cookie:%20x=1',
        '%ff%fe',
        '%E0%A4%A',
        '%',
        encodeURIComponent('<script>alert(1)</script>'),
        'D0001%20',
        'd0001',
      ];
      for (const code of codes) {
        const res = await rawGet(t.baseUrl, `/agency/${code}`);
        assert.ok(res.status === 404 || res.status === 400, `${code.slice(0, 40)} answered ${res.status}`);
        assert.match(res.body, /ページが見つかりません/, code.slice(0, 40));
        assert.match(res.csp, /frame-ancestors 'none'/, code.slice(0, 40));
      }
      for (const path of ['/agency/../agency/D9999', '/agency/./D9999', '/agency/', '/agency', '/agency/D0001/../../etc/passwd']) {
        const res = await rawGet(t.baseUrl, path);
        assert.ok(res.status < 500, `${path} answered ${res.status}`);
      }
      const stillThere = await t.deps.db.selectFrom('agencies').select('code').where('code', 'in', ['D0001', 'D0002']).execute();
      assert.equal(stillThere.length, 2);
    });
  });
}
