/**
 * Streaming tokenizer of a DesInventar export: DESINVENTAR › table › TR › column, tag names in
 * any case (normalised to lower case), one Row per TR. Holds at most one input chunk of rows.
 */
import { SaxesParser } from 'saxes';
import { type NoticeItem, SourceFormatError } from '../model.ts';
import { ByteDecoder, InvalidUtf8Error, UnsupportedEncodingError } from './decode.ts';
import { type Cells, Row } from './row.ts';

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

/** Guards against documents built to exhaust memory: no real value or row comes near these. */
const MAX_VALUE_CHARS = 32 * 1024 * 1024;
const MAX_COLUMNS = 10_000;

const POSITION_PREFIX = /^(?:.*?:)?\d+:\d+: /;

/** Builds rows from saxes events; throws SourceFormatError naming file, line, column and table. */
class TableTokenizer {
  readonly parser = new SaxesParser({ position: true });
  events: XmlEvent[] = [];
  private depth = 0;
  private sawRoot = false;
  private table: string | null = null;
  private rows = 0;
  private rowLine = 0;
  private cells: Cells | null = null;
  private column: string | null = null;
  private text = '';
  private readonly lowerNames = new Map<string, string>();
  private readonly badCharTables = new Set<string>();
  private tags = 0;
  private tagsAtRun = 0;
  private run = 0;

  constructor(private readonly name: string) {
    this.parser.on('opentag', (tag) => this.open(tag.name));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (text) => this.addText(text));
    this.parser.on('cdata', (text) => this.addText(text));
    this.parser.on('doctype', () =>
      this.fail(
        'DOCTYPE declarations are not allowed: entity definitions can expand without bound or read other files',
      ),
    );
    this.parser.on('comment', (comment) => this.onComment(comment));
    this.parser.on('error', (error) => this.onError(error.message.replace(POSITION_PREFIX, '')));
  }

  /** Throw a SourceFormatError at the parser's position. */
  fail(message: string): never {
    const { line, column } = this.parser;
    throw new SourceFormatError(
      `${this.name}, line ${line}, column ${column + 1}${this.where()}: ${message}`,
      {
        table: this.table ?? '',
        row: this.cells ? this.rows : 0,
        line,
        ...(this.column ? { column: this.column } : {}),
      },
    );
  }

  /** Count text written to saxes: it buffers a run without markup whole, so cap the run. */
  guard(length: number): void {
    this.run = this.tags === this.tagsAtRun ? this.run + length : length;
    this.tagsAtRun = this.tags;
    if (this.run > MAX_VALUE_CHARS) this.fail(`a value longer than ${MAX_VALUE_CHARS} characters`);
  }

  /** Call when the input is exhausted. */
  finish(): void {
    if (!this.sawRoot) this.fail('no XML content (empty file)');
    if (this.depth > 0) this.fail('truncated XML: the document ends before its elements are closed');
    this.parser.close();
  }

  private where(): string {
    if (this.table === null) return '';
    return this.cells ? ` (table ${this.table}, row ${this.rows})` : ` (table ${this.table})`;
  }

  private lower(name: string): string {
    let lower = this.lowerNames.get(name);
    if (lower === undefined) {
      lower = name.toLowerCase();
      // Real exports have a few hundred distinct names; do not let a crafted file grow the cache.
      if (this.lowerNames.size < MAX_COLUMNS) this.lowerNames.set(name, lower);
    }
    return lower;
  }

  private open(rawName: string): void {
    this.tags++;
    const name = this.lower(rawName);
    if (this.depth === 0) {
      if (name !== 'desinventar') this.fail(`not a DesInventar export: root element <${rawName}>`);
      this.sawRoot = true;
    } else if (this.depth === 1) {
      this.table = name;
      this.rows = 0;
      this.events.push({ kind: 'tableStart', table: name, line: this.parser.line });
    } else if (this.depth === 2) {
      if (name !== 'tr') this.fail(`expected <TR>, found <${rawName}>`);
      this.rows++;
      this.rowLine = this.parser.line;
      this.cells = new Map();
    } else if (this.depth === 3) {
      if (this.cells!.size >= MAX_COLUMNS) this.fail(`more than ${MAX_COLUMNS} columns in one row`);
      this.column = name;
      this.text = '';
    } else {
      this.fail(`unexpected element <${rawName}> inside column ${this.column}`);
    }
    this.depth++;
  }

  private close(): void {
    this.tags++;
    this.depth--;
    if (this.depth === 3) {
      this.cells!.set(this.column!, this.text === '' ? null : this.text);
      this.column = null;
    } else if (this.depth === 2) {
      this.events.push({ kind: 'row', row: new Row(this.table!, this.rows, this.rowLine, this.cells!) });
      this.cells = null;
    } else if (this.depth === 1) {
      this.events.push({ kind: 'tableEnd', table: this.table!, rows: this.rows });
      this.table = null;
    }
  }

  private addText(text: string): void {
    if (this.depth === 4) this.text += text;
    else if (text.trim() !== '') this.fail(`unexpected text "${text.trim().slice(0, 40)}"`);
  }

  /** exportXML.jsp writes a comment into a column whose value it failed to read: say so. */
  private onComment(comment: string): void {
    if (this.column === null || !/error/i.test(comment)) return;
    this.events.push({
      kind: 'notice',
      notice: {
        kind: 'notice',
        level: 'warning',
        code: 'export_error',
        message: `column ${this.column} holds an export error comment: ${comment.trim().slice(0, 200)}`,
        place: { table: this.table!, row: this.rows, line: this.parser.line },
      },
    });
  }

  private onError(message: string): void {
    // DesInventar does not filter control characters out of texts; keep them and warn once per table.
    if (message.startsWith('disallowed character.') && this.column !== null) {
      if (!this.badCharTables.has(this.table!)) {
        this.badCharTables.add(this.table!);
        this.events.push({ kind: 'notice', notice: this.controlCharNotice() });
      }
      return;
    }
    this.fail(message.replace(/\.$/, ''));
  }

  private controlCharNotice(): NoticeItem {
    return {
      kind: 'notice',
      level: 'warning',
      code: 'control_character',
      message: `table ${this.table} holds characters XML does not allow (first in column ${this.column}); kept as read`,
      place: { table: this.table!, row: this.rows, line: this.parser.line },
    };
  }
}

/** Read the tables of a DesInventar XML export from a byte stream, one batch of events per chunk. */
export async function* readXmlTables(
  chunks: AsyncIterable<Uint8Array>,
  name: string,
): AsyncGenerator<XmlBatch> {
  const tokenizer = new TableTokenizer(name);
  const decoder = new ByteDecoder();
  const feed = (read: () => string) => {
    try {
      const text = read();
      if (text === '') return;
      tokenizer.parser.write(text);
      tokenizer.guard(text.length);
    } catch (error) {
      if (error instanceof InvalidUtf8Error) invalidUtf8(tokenizer, error);
      if (error instanceof UnsupportedEncodingError) tokenizer.fail(error.message);
      throw error;
    }
  };
  for await (const chunk of chunks) {
    feed(() => decoder.write(chunk));
    yield { events: tokenizer.events, bytesRead: decoder.bytesRead };
    tokenizer.events = [];
  }
  feed(() => decoder.end());
  tokenizer.finish();
  yield { events: tokenizer.events, bytesRead: decoder.bytesRead };
}

function invalidUtf8(tokenizer: TableTokenizer, error: InvalidUtf8Error): never {
  try {
    tokenizer.parser.write(error.validText);
  } catch {
    // The position is all we need from the valid part.
  }
  return tokenizer.fail(
    `invalid UTF-8 at byte ${error.byteOffset}: the file is not UTF-8 (saved as Latin-1 or Windows-1252?)`,
  );
}
