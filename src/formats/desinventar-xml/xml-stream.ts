/**
 * Streaming tokenizer of a DesInventar export: DESINVENTAR › table › TR › column, tag names in
 * any case (normalised to lower case), one Row per TR. Holds at most one input chunk of rows.
 *
 * A scanner of its own rather than a general XML parser: an export is four levels of elements
 * with text in the innermost, hundreds of megabytes of it, and a general parser spent most of the
 * import's reading time on events per character run and per tag. This one jumps from '<' to '<'
 * with indexOf, predicts each column's tag name from the previous row of the table (a comparison
 * instead of a new string), and scans values once for entities, line breaks and characters XML
 * does not allow. It still checks what makes the file well-formed (names of closing tags, entity
 * and character references, one root) and refuses DOCTYPE declarations before any expansion.
 */

import type { NoticeItem } from '../model.ts';
import { ByteDecoder, InvalidUtf8Error, UnsupportedEncodingError } from './decode.ts';
import type { Row } from './row.ts';
import { TableTokenizer } from './table-tokenizer.ts';

/** What the tokenizer reports. */
export type XmlEvent =
  | { kind: 'tableStart'; table: string; line: number }
  | { kind: 'row'; row: Row }
  | { kind: 'tableEnd'; table: string; rows: number }
  | { kind: 'notice'; notice: NoticeItem };

/** The events of one input chunk and the bytes read so far. */
export interface XmlBatch {
  events: XmlEvent[];
  bytesRead: number;
}

/** Read the tables of a DesInventar XML export from a byte stream, one batch of events per chunk. */
export async function* readXmlTables(
  chunks: AsyncIterable<Uint8Array>,
  name: string,
): AsyncGenerator<XmlBatch> {
  const tokenizer = new TableTokenizer(name);
  const decoder = new ByteDecoder();
  let unread = '';
  const feed = (read: () => string) => {
    try {
      unread = tokenizer.write(read());
    } catch (error) {
      if (error instanceof InvalidUtf8Error) invalidUtf8(tokenizer, error);
      if (error instanceof UnsupportedEncodingError) tokenizer.fail(error.message);
      throw error;
    }
  };
  for await (const chunk of chunks) {
    feed(() => decoder.write(chunk, unread));
    yield { events: tokenizer.events, bytesRead: decoder.bytesRead };
    tokenizer.events = [];
  }
  feed(() => decoder.end(unread));
  tokenizer.finish();
  yield { events: tokenizer.events, bytesRead: decoder.bytesRead };
}

function invalidUtf8(tokenizer: TableTokenizer, error: InvalidUtf8Error): never {
  try {
    tokenizer.write(error.validText);
  } catch {
    // The position is all we need from the valid part.
  }
  return tokenizer.fail(
    `invalid UTF-8 at byte ${error.byteOffset}: the file is not UTF-8 (saved as Latin-1 or Windows-1252?)`,
  );
}
