/** Datacards as CSV (RFC 4180, UTF-8, header = column keys), streamed through csv-stringify. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { type CardPoint, type Cell, cardCells, type TableCard } from './columns.ts';
import type { CardTableSpec, CardTableWriter } from './writer.ts';

/** A CSV writer: one header line of column keys, then one line per card. */
export function csvCardWriter(out: Writable, spec: CardTableSpec): CardTableWriter {
  const stringifier = stringify({
    // Flags read back as true/false, not csv-stringify's default '1' / ''.
    cast: { boolean: (v) => (v ? 'true' : 'false') },
    record_delimiter: 'unix',
  });
  const done = pipeline(stringifier, out);
  // A failure surfaces through `done` at end(); until then writes below notice the destroyed stream.
  done.catch(() => {});
  const push = async (record: Cell[]) => {
    if (stringifier.destroyed) await done;
    if (!stringifier.write(record)) await once(stringifier, 'drain');
  };
  let header = false;
  return {
    async write(card: TableCard, _point: CardPoint | null) {
      if (!header) {
        header = true;
        await push(spec.columns.map((c) => c.key));
      }
      await push(cardCells(spec.columns, card));
    },
    async end() {
      if (!header) await push(spec.columns.map((c) => c.key));
      stringifier.end();
      await done;
    },
  };
}
