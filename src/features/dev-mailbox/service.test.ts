import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linkify, receivedAtText } from './service.js';

const base = 'http://localhost:3000';

describe('dev mailbox linkify', () => {
  it('links the service own URLs and keeps the text around them', () => {
    const text = '以下URLを開いてください。\nhttp://localhost:3000/register/verify?t=abc_DEF-123\nご利用期限:2026年11月27日18時まで';
    assert.deepEqual(linkify(text, base), [
      { text: '以下URLを開いてください。\n' },
      { text: 'http://localhost:3000/register/verify?t=abc_DEF-123', href: 'http://localhost:3000/register/verify?t=abc_DEF-123' },
      { text: '\nご利用期限:2026年11月27日18時まで' },
    ]);
  });

  it('stops a URL at Japanese text and trailing punctuation', () => {
    const segments = linkify('こちら http://localhost:3000/a?b=1。次へ (http://localhost:3000/x).', base);
    assert.deepEqual(
      segments.filter((s) => 'href' in s).map((s) => s.text),
      ['http://localhost:3000/a?b=1', 'http://localhost:3000/x'],
    );
    assert.equal(segments.map((s) => s.text).join(''), 'こちら http://localhost:3000/a?b=1。次へ (http://localhost:3000/x).');
  });

  it('leaves other sites, look-alike hosts and other schemes as plain text', () => {
    for (const text of [
      'https://evil.example/phish',
      'http://localhost:3000.evil.example/x',
      'http://localhost:30001/x',
      'javascript:alert(1) http://localhost:3000',
      '<a href="http://localhost:3000/">',
    ]) {
      const segments = linkify(text, base);
      assert.equal(segments.map((s) => s.text).join(''), text);
      for (const s of segments) if ('href' in s) assert.ok(s.href.startsWith(`${base}`) && /^http:\/\/localhost:3000($|[/?#])/.test(s.href), text);
    }
    assert.deepEqual(linkify('https://evil.example/phish', base), [{ text: 'https://evil.example/phish' }]);
    assert.deepEqual(linkify('http://localhost:3000.evil.example/x', base), [{ text: 'http://localhost:3000.evil.example/x' }]);
  });

  it('shows the received time in Japan time', () => {
    assert.equal(receivedAtText('2026-11-25T01:10:30.000Z'), '2026/11/25 10:10:30');
  });
});
