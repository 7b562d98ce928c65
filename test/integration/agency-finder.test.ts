import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { foldForSearch } from '../../src/platform/text.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';

// The top page with more agencies than it lists (decision 0025): the finder, by name (kana and
// width folded) or code, its count, its pages, and its messages next to the field.

const links = (html: string): string[] => [...html.matchAll(/<a href="\/agency\/([^"]+)">/g)].map((m) => decodeURIComponent(m[1]!));

async function search(t: TestApp, query: Record<string, string>): Promise<{ status: number; html: string }> {
  const res = await fetch(`${t.baseUrl}/?${new URLSearchParams(query).toString()}`);
  return { status: res.status, html: await res.text() };
}

for (const kind of databaseKinds()) {
  describe(`the agency finder on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind });
      const at = new Date().toISOString();
      const named = [
        { code: 'A0101', name: 'あおば保険サービス株式会社' },
        { code: 'A0102', name: '有限会社アオバ自動車' },
        { code: 'B0201', name: 'みどり総合保険' },
      ];
      const many = Array.from({ length: 25 }, (_, i) => ({ code: `S${String(i + 1).padStart(4, '0')}`, name: `さくら代理店${String(i + 1).padStart(2, '0')}` }));
      await t.deps.db
        .insertInto('agencies')
        .values([...named, ...many].map((a) => ({ ...a, created_at: at, updated_at: at })))
        .execute();
    });
    after(async () => t.close());

    it('with more than twenty agencies the top page offers the finder instead of listing them', async () => {
      const { status, html } = await search(t, {});
      assert.equal(status, 200);
      assert.match(html, /<form method="get" action="\/" class="agency-finder" role="search"/);
      assert.match(html, /<label for="f-q">代理店名または代理店コード<\/label>/);
      assert.match(html, /<button[^>]*>検索<\/button>/);
      assert.deepEqual(links(html), []);
      assert.match(html, /<a class="button primary" href="\/login">ログイン<\/a>/);
    });

    it('finds an agency by its name in hiragana, katakana or half-width kana, without the company form', async () => {
      for (const q of ['あおば', 'アオバ', 'ｱｵﾊﾞ', 'あお ば', 'アオバ保険']) {
        const { status, html } = await search(t, { q });
        assert.equal(status, 200, q);
        const expected = q === 'アオバ保険' ? ['A0101'] : ['A0101', 'A0102'];
        assert.deepEqual(links(html).sort(), expected, q);
        assert.match(html, new RegExp(`「${q}」に一致する代理店は${expected.length}件です`), q);
      }
      const { html } = await search(t, { q: 'あおば' });
      assert.match(html, /<a href="\/agency\/A0101">あおば保険サービス株式会社<\/a><span class="agency-code">（代理店コード A0101）<\/span>/);
      assert.match(html, /<input id="f-q"[^>]*name="q"[^>]*value="あおば"/);
    });

    it('finds an agency by its code, in any case and width', async () => {
      for (const q of ['B0201', 'b02', 'Ｂ０２０１']) assert.deepEqual(links((await search(t, { q })).html), ['B0201'], q);
      const none = await search(t, { q: 'Z9' });
      assert.equal(none.status, 200);
      assert.deepEqual(links(none.html), []);
      assert.match(none.html, /「Z9」に一致する代理店は見つかりませんでした。/);
    });

    it('pages the results twenty at a time and says how many matched', async () => {
      const first = await search(t, { q: 'さくら' });
      assert.match(first.html, /「さくら」に一致する代理店は25件です（1～20件目を表示）。/);
      assert.equal(links(first.html).length, 20);
      assert.deepEqual(links(first.html).slice(0, 2), ['S0001', 'S0002']);
      assert.match(first.html, /<a href="\/\?q=%E3%81%95%E3%81%8F%E3%82%89&amp;page=2">次へ<\/a>/);
      const second = await search(t, { q: 'さくら', page: '2' });
      assert.match(second.html, /（21～25件目を表示）/);
      assert.deepEqual(links(second.html), ['S0021', 'S0022', 'S0023', 'S0024', 'S0025']);
      assert.match(second.html, /<a href="\/\?q=%E3%81%95%E3%81%8F%E3%82%89&amp;page=1">前へ<\/a>/);
      const beyond = await search(t, { q: 'さくら', page: '9' });
      assert.match(beyond.html, /（21～25件目を表示）/);
    });

    it("the database's keizoku_fold folds as foldForSearch does", async () => {
      const samples = ['あおば保険', 'ｱｵﾊﾞ保険', '株式会社 さくら', '㈱ミドリ', '(有)ＡＢＣ代理店', 'Ｄ０００１', 'ゝゞヴぁ', 'ｶﾞｷﾞｸﾞ', '合同会社　ﾐﾗｲ'];
      for (const text of samples) {
        const { rows } = await sql<{ key: string }>`select keizoku_fold(${text}) as key`.execute(t.deps.db);
        assert.equal(rows[0]?.key, foldForSearch(text), text);
      }
    });

    it('bad input gets a message next to the field, never an error page', async () => {
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ q: '' }, /代理店名または代理店コードを入力してください。/],
        [{ q: '　 ' }, /代理店名または代理店コードを入力してください。/],
        [{ q: '株式会社' }, /代理店名または代理店コードを入力してください。/],
        [{ q: 'あ'.repeat(51) }, /50文字以内で入力してください。/],
        [{ q: 'さくら', page: 'x' }, /ページの指定が正しくありません。/],
        [{ q: 'さくら', page: '0' }, /ページの指定が正しくありません。/],
      ];
      for (const [query, message] of cases) {
        const { status, html } = await search(t, query);
        assert.equal(status, 400, JSON.stringify(query));
        assert.match(html, /<p class="error" id="f-q-error" role="alert">/, JSON.stringify(query));
        assert.match(html, message, JSON.stringify(query));
      }
      for (const q of ['%', '_', "' or 1=1 --", '𠮷', '\\', '\u3099']) {
        const { status } = await search(t, { q });
        assert.equal(status, 200, `${JSON.stringify(q)} answered ${status}`);
      }
      assert.ok((await search(t, { q: '\u0000あおば' })).status < 500);
      assert.deepEqual(links((await search(t, { q: '%' })).html), []);
    });
  });
}
