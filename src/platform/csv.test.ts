import assert from 'node:assert/strict';
import { it } from 'node:test';
import { csvDocument, csvField } from './csv.js';

it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
});

it('guards values Excel would read as a formula', () => {
  for (const value of ['=1+1', '+81', '-2', '@SUM(A1)']) assert.equal(csvField(value), `'${value}`);
  assert.equal(csvField('=HYPERLINK("x","y")'), `"'=HYPERLINK(""x"",""y"")"`);
  assert.equal(csvField('a=b'), 'a=b');
});

it('starts with a BOM and ends every line with CRLF', () => {
  assert.equal(csvDocument(['日時', '種別'], [['1', '2']]), '\uFEFF日時,種別\r\n1,2\r\n');
});
