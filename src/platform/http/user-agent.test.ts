import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeUserAgent } from './user-agent.js';

it('names browser and OS in words, with the versions a customer knows', () => {
  const cases: Array<[string, string]> = [
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome 131 / Windows 10'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'Safari / iPhone (iOS 18)'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome 131 / Android 14'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari / macOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133 / Windows 10'],
  ];
  for (const [ua, words] of cases) assert.equal(describeUserAgent(ua), words, ua);
});

it('says it does not know rather than failing on an empty or strange user agent', () => {
  for (const ua of ['', '   ', null, undefined, 'curl/8.0', '\u0000']) assert.equal(describeUserAgent(ua), '不明なブラウザ', String(ua));
});

it('says an unknown browser in English on English pages and mails', () => {
  assert.equal(describeUserAgent('curl/8.0', 'en'), 'Unknown browser');
  assert.equal(describeUserAgent('', 'en'), 'Unknown browser');
});
