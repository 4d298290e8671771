import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatProgress, progressDisplay } from './progress.ts';

describe('import progress', () => {
  test('a line shows phase, bytes with share, cards, cards per second and the time left', () => {
    const line = formatProgress(
      { phase: 'cards', cards: 12000, bytesRead: 25 * 1024 * 1024, bytesTotal: 100 * 1024 * 1024 },
      4000,
    );
    assert.equal(line, 'cards       25.0/100.0 MB (25%)  12,000 cards  3,000 cards/s  ETA 0:12');
  });

  test('without a known size there is no share and no ETA', () => {
    assert.equal(
      formatProgress({ phase: 'reading', cards: 0, bytesRead: 0, bytesTotal: null }, 10),
      'reading     0 cards  0 cards/s',
    );
  });

  test('off a terminal, at most one line per interval goes to the stream', () => {
    const written: string[] = [];
    const stream = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const display = progressDisplay(stream, 60_000);
    for (let i = 0; i < 5; i++) display.update({ phase: 'cards', cards: i, bytesRead: 0, bytesTotal: null });
    display.done();
    assert.equal(written.length, 1);
    assert.match(written[0]!, /^cards +0 cards/);
  });
});
