import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCatalogue, missingMessages, type Catalogue, type Messages } from './catalogue.js';
import { formatDate, formatDateTime, formatYen } from './format.js';
import { negotiateLocale } from './locale.js';

describe('negotiateLocale', () => {
  it('Japanese when the browser says nothing, or only languages the site does not have', () => {
    assert.equal(negotiateLocale({}), 'ja');
    assert.equal(negotiateLocale({ acceptLanguage: '' }), 'ja');
    assert.equal(negotiateLocale({ acceptLanguage: 'fr-FR, de;q=0.8' }), 'ja');
    assert.equal(negotiateLocale({ acceptLanguage: ';;;,,q=,' }), 'ja');
  });

  it('the first acceptable language by q-value, any region', () => {
    assert.equal(negotiateLocale({ acceptLanguage: 'en-US,en;q=0.9' }), 'en');
    assert.equal(negotiateLocale({ acceptLanguage: 'ja-JP,ja;q=0.9,en;q=0.8' }), 'ja');
    assert.equal(negotiateLocale({ acceptLanguage: 'vi-VN, en-GB;q=0.7, ja;q=0.5' }), 'en');
    assert.equal(negotiateLocale({ acceptLanguage: 'ja;q=0.3, EN;q=0.6' }), 'en');
    assert.equal(negotiateLocale({ acceptLanguage: 'en;q=0, ja;q=0.1' }), 'ja', 'q=0 means not acceptable');
    assert.equal(negotiateLocale({ acceptLanguage: 'zh-CN, *;q=0.5' }), 'ja', 'a wildcard takes the default');
  });

  it('the remembered choice wins over the browser; an unknown cookie value is ignored', () => {
    assert.equal(negotiateLocale({ cookie: 'ja', acceptLanguage: 'en-US' }), 'ja');
    assert.equal(negotiateLocale({ cookie: 'en', acceptLanguage: 'ja' }), 'en');
    assert.equal(negotiateLocale({ cookie: 'EN', acceptLanguage: 'ja' }), 'ja');
    assert.equal(negotiateLocale({ cookie: 'fr', acceptLanguage: 'en' }), 'en');
  });
});

describe('catalogues', () => {
  const greetings = defineCatalogue('test/greetings', { hello: 'こんにちは', days: (p: { n: number }) => `あと${p.n}日` }, { hello: 'Hello', days: (p: { n: number }) => `${p.n} days left` });

  it('give each language its messages, with parameters', () => {
    assert.equal(greetings.of('ja').hello, 'こんにちは');
    assert.equal(greetings.of('en').days({ n: 3 }), '3 days left');
    assert.deepEqual(missingMessages(greetings as unknown as Catalogue<Messages>), []);
  });

  it('a key missing or empty in either language is listed', () => {
    // @ts-expect-error the English side lacks `bye`: TypeScript refuses it before the test does
    const broken = defineCatalogue('test/broken', { hello: 'こんにちは', bye: 'さようなら' }, { hello: '' });
    assert.deepEqual(missingMessages(broken as unknown as Catalogue<Messages>).sort(), ['test/broken: en.bye', 'test/broken: en.hello']);
  });
});

describe('formatting per language', () => {
  it('dates and Japan times', () => {
    assert.equal(formatDate('ja', '2026-11-05'), '2026年11月5日');
    assert.equal(formatDate('en', '2026-11-05'), '5 November 2026');
    const at = new Date('2026-11-25T09:30:00Z');
    assert.equal(formatDateTime('ja', at), '2026年11月25日 18時30分');
    assert.equal(formatDateTime('en', at), '25 November 2026, 18:30 (JST)');
  });

  it('yen', () => {
    assert.equal(formatYen('ja', 128000), '128,000円');
    assert.equal(formatYen('en', 128000), '¥128,000');
    assert.equal(formatYen('en', -4200), '−¥4,200');
    assert.equal(formatYen('ja', 0), '0円');
  });
});
