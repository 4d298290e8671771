/**
 * Flat memory on a big export: 200,000 synthetic cards (about 390 MB of XML; set
 * DI_XML_SYNTHETIC_CARDS to change the number). Reports the reader's cards/s and heap.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readDesInventarXml } from './read.ts';
import { writeSyntheticExport } from './synthetic.ts';
import { tempFile } from './testing.ts';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

test('a big export (200,000 cards) streams through with a flat heap and exact figures', {
  timeout: 600_000,
}, async (t) => {
  const cards = Number(process.env.DI_XML_SYNTHETIC_CARDS ?? 200_000);
  const path = tempFile('', 'synthetic.xml');
  try {
    const expected = await writeSyntheticExport(path, cards);
    const started = performance.now();
    const [first, every] = [Math.min(5_000, Math.ceil(cards / 10)), Math.ceil(cards / 8)];
    let baseline = 0;
    let peak = 0;
    const seen = { cards: 0, details: 0, published: 0, deaths: 0, housesDestroyed: 0, lossesLocal: 0n };
    for await (const item of readDesInventarXml(path).items) {
      if (item.kind !== 'card') {
        if (item.kind === 'cardDetail') seen.details++;
        continue;
      }
      const { effects, status } = item.card;
      seen.cards++;
      seen.deaths += Number(effects.deaths?.value ?? 0);
      seen.housesDestroyed += Number(effects.housesDestroyed?.value ?? 0);
      seen.lossesLocal += BigInt(effects.lossesLocal?.value ?? 0);
      if (status === 'published') seen.published++;
      if (seen.cards === first) baseline = heapMb();
      if (seen.cards % every === 0) peak = Math.max(peak, heapMb());
    }
    const seconds = (performance.now() - started) / 1000;
    assert.deepEqual(
      [seen.cards, seen.published, seen.deaths, seen.housesDestroyed, seen.lossesLocal],
      [cards, expected.published, expected.deaths, expected.housesDestroyed, expected.lossesLocal],
    );
    assert.ok(seen.details > cards * 0.9);
    const growth = peak - baseline;
    t.diagnostic(
      `${cards} cards, ${(expected.bytes / 2 ** 20).toFixed(0)} MiB in ${seconds.toFixed(1)} s: ` +
        `${Math.round(cards / seconds)} cards/s, ${(expected.bytes / 2 ** 20 / seconds).toFixed(1)} MiB/s; ` +
        `heap after gc ${baseline.toFixed(0)} MiB at card ${first}, peak ${peak.toFixed(0)} MiB (+${growth.toFixed(0)})`,
    );
    assert.ok(growth < 200, `heap grew by ${growth.toFixed(0)} MiB`);
  } finally {
    rmSync(path, { force: true });
  }
});
