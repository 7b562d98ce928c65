import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mailboxOf } from './caps.js';

describe('mailboxOf', () => {
  it('counts case and +tag variants of one mailbox as one, full-width too', () => {
    for (const variant of ['victim@example.jp', 'Victim@Example.JP', 'victim+1@example.jp', 'VICTIM+anything+x@example.jp', 'ｖｉｃｔｉｍ＋２@example.jp']) {
      assert.equal(mailboxOf(variant), 'victim@example.jp', variant);
    }
  });
  it('keeps other mailboxes apart and leaves odd shapes as they are', () => {
    assert.notEqual(mailboxOf('victim2@example.jp'), mailboxOf('victim@example.jp'));
    assert.equal(mailboxOf('+tag@example.jp'), '+tag@example.jp');
    assert.equal(mailboxOf('no-at-sign'), 'no-at-sign');
  });
});
