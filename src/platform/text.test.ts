import assert from 'node:assert/strict';
import { it } from 'node:test';
import { foldForSearch } from './text.js';

it('folds a name as a person may type it: kana, width, spaces, case and company forms', () => {
  const same = ['あおば保険', 'アオバ保険', 'ｱｵﾊﾞ保険', 'あお ば　保険', '株式会社あおば保険', '㈱アオバ保険', '(株)あおば保険', 'あおば保険有限会社'];
  for (const text of same) assert.equal(foldForSearch(text), 'アオバ保険', text);
  assert.equal(foldForSearch('Ｄ０００１'), 'd0001');
  assert.equal(foldForSearch('D0001'), 'd0001');
  assert.equal(foldForSearch('ゝゞ'), 'ヽヾ');
  assert.equal(foldForSearch(' 株式会社 '), '');
  assert.notEqual(foldForSearch('さくら'), foldForSearch('さぐら'));
});
