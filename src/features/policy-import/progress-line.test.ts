import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressLine } from './progress-line.js';

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe('the import progress line', () => {
  it('rewrites one line at most four times a second, then ends it with the summary', () => {
    const { stream, written } = terminal(true);
    let now = 1000;
    const line = progressLine(stream, () => now);
    now = 1500;
    line.update({ read: 1000, rejected: 0 });
    now = 1600;
    line.update({ read: 2000, rejected: 1 }); // 100 ms later: not shown
    now = 1800;
    line.update({ read: 3000, rejected: 1 });
    now = 3000;
    line.finish({ read: 3500, rejected: 2 });
    assert.deepEqual(written, [
      '\rread 1,000 rows (2,000 rows/s), rejected 0\u001b[K',
      '\rread 3,000 rows (3,750 rows/s), rejected 1\u001b[K',
      '\rread 3,500 rows in 2.0 s (1,750 rows/s), rejected 2\u001b[K\n',
    ]);
  });

  it('writes nothing when stderr is a file or a pipe', () => {
    const { stream, written } = terminal(false);
    const line = progressLine(stream);
    line.update({ read: 1000, rejected: 0 });
    line.finish({ read: 1000, rejected: 0 });
    assert.deepEqual(written, []);
  });
});
