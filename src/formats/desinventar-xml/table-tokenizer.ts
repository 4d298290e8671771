/**
 * The state machine behind readXmlTables (xml-stream.ts): scans decoded text of a DesInventar
 * export window by window and turns it into table, row and notice events. One class because every
 * step reads and moves the same position, line and element state; the character tables and
 * reference decoding it uses are in xml-chars.ts.
 */
import { SourceFormatError } from '../model.ts';
import { Cells, Layout, Row } from './row.ts';
import {
  AMP,
  allowed,
  BANG,
  CR,
  endsName,
  GT,
  isSpace,
  LF,
  QUESTION,
  referencedText,
  SLASH,
  writtenAt,
} from './xml-chars.ts';
import type { XmlEvent } from './xml-stream.ts';

/** Guards against documents built to exhaust memory: no real value or row comes near these. */
const MAX_VALUE_CHARS = 32 * 1024 * 1024;
const MAX_COLUMNS = 10_000;

/** Scans decoded text chunk by chunk; throws SourceFormatError naming file, line, column and table. */
export class TableTokenizer {
  events: XmlEvent[] = [];
  /** Text not consumed yet: an element, value or markup cut by the end of the last window. */
  private tail = '';
  /** Where, in the next window, the search for '<' resumes (the tail before it has none). */
  private searchFrom = 0;
  /** Absolute offset (characters) of the next window's first character. */
  private base = 0;
  private line = 1;
  /** Absolute offset of the current line's first character. */
  private lineStart = 0;

  private depth = 0;
  private sawRoot = false;
  private rootClosed = false;
  private rootRaw = '';
  private tableRaw = '';
  private trRaw = '';
  private table: string | null = null;
  private rows = 0;
  private rowLine = 0;
  /** The layout the current row is expected to follow (the table's previous row), and the next position in it. */
  private layout: Layout | null = null;
  private position = 0;
  /** Raw column names of the current row once it left the expected layout (null while it follows it). */
  private diverged: string[] | null = null;
  private values: (string | null)[] = [];
  private inRow = false;
  private column: string | null = null;
  private columnRaw = '';
  private text: string | null = null;
  private readonly lowerNames = new Map<string, string>();
  private readonly badCharTables = new Set<string>();

  constructor(private readonly name: string) {}

  /**
   * Scan a window of decoded text: what the previous window left unconsumed, then the next chunk.
   * Returns the part still unconsumed (an element, value or markup cut by the end of the chunk),
   * which the decoder puts in front of the next chunk.
   */
  write(s: string): string {
    if (s === '') return '';
    const from = this.searchFrom;
    this.searchFrom = 0;
    const done = this.scan(s, from);
    this.base += done;
    this.tail = done < s.length ? s.slice(done) : '';
    // A run of text without markup is capped, so is a tag that never ends.
    if (this.tail.length > MAX_VALUE_CHARS) this.fail(`a value longer than ${MAX_VALUE_CHARS} characters`);
    return this.tail;
  }

  /** Call when the input is exhausted. */
  finish(): void {
    const rest = this.tail;
    if (rest !== '') {
      this.tail = '';
      if (rest.includes('<') || this.depth > 0) {
        this.countLines(rest, 0, rest.length);
        this.base += rest.length;
      } else {
        this.whitespace(rest, 0, rest.length);
        this.base += rest.length;
      }
    }
    if (!this.sawRoot) this.fail('no XML content (empty file)');
    if (this.depth > 0) this.fail('truncated XML: the document ends before its elements are closed');
  }

  /**
   * Throw a SourceFormatError at absolute offset `at` (default: the end of what was read); the line
   * is the one scanned up to (a multi-line value is counted whole before its entities are read).
   */
  fail(message: string, at?: number): never {
    if (at === undefined && this.tail !== '') {
      this.countLines(this.tail, 0, this.tail.length);
      this.base += this.tail.length;
      this.tail = '';
    }
    const column = Math.max(0, (at ?? this.base) - this.lineStart);
    throw new SourceFormatError(
      `${this.name}, line ${this.line}, column ${column + 1}${this.where()}: ${message}`,
      {
        table: this.table ?? '',
        row: this.inRow ? this.rows : 0,
        line: this.line,
        ...(this.column ? { column: this.column } : {}),
      },
    );
  }

  private where(): string {
    if (this.table === null) return '';
    return this.inRow ? ` (table ${this.table}, row ${this.rows})` : ` (table ${this.table})`;
  }

  /** Count line breaks in s[from, to) (positions relative to the current base). */
  private countLines(s: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      if (s.charCodeAt(i) === LF) {
        this.line++;
        this.lineStart = this.base + i + 1;
      }
    }
  }

  /**
   * Scan s from `from` (text before it holds no '<'); returns how far the scan got: everything
   * before that offset is processed, the rest is an incomplete construct.
   */
  private scan(s: string, from: number): number {
    let pos = 0;
    let search = from;
    const end = s.length;
    for (;;) {
      const lt = s.indexOf('<', search);
      if (lt === -1) {
        // Text with no markup after it yet: a value cut by the chunk, or trailing whitespace.
        this.searchFrom = end - pos;
        return pos;
      }
      if (lt > pos) this.content(s, pos, lt);
      pos = lt;
      const next = lt + 1 < end ? s.charCodeAt(lt + 1) : -1;
      let after: number;
      if (next === SLASH) after = this.closeTag(s, lt);
      else if (next === BANG) after = this.declaration(s, lt);
      else if (next === QUESTION) after = this.instruction(s, lt);
      else if (next === -1) after = -1;
      else after = this.openTag(s, lt);
      if (after === -1) {
        this.searchFrom = 0;
        return pos;
      }
      pos = after;
      search = after;
    }
  }

  /** Text between two pieces of markup: a value inside a column, whitespace elsewhere. */
  private content(s: string, from: number, to: number): void {
    if (this.depth !== 4) {
      this.whitespace(s, from, to);
      return;
    }
    let plain = true;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c === LF) {
        this.line++;
        this.lineStart = this.base + i + 1;
      } else if (c === AMP || c === CR || !allowed(c)) {
        plain = false;
      }
    }
    const value = plain ? s.slice(from, to) : this.decode(s, from, to);
    this.text = this.text === null ? value : this.text + value;
  }

  /** A value with entities, carriage returns or characters XML does not allow. */
  private decode(s: string, from: number, to: number): string {
    let out = '';
    let run = from;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c === AMP) {
        out += s.slice(run, i);
        const semi = s.indexOf(';', i + 1);
        if (semi === -1 || semi >= to || semi - i > 12)
          this.fail('unterminated entity reference', this.base + i);
        out += this.entity(s.slice(i + 1, semi), i);
        i = semi;
        run = semi + 1;
      } else if (c === CR) {
        // XML line ends: CR LF and a lone CR are read as LF.
        out += `${s.slice(run, i)}\n`;
        if (s.charCodeAt(i + 1) === LF) i++;
        else {
          // A lone CR ends a line as well (the LF case was counted by the caller).
          this.line++;
          this.lineStart = this.base + i + 1;
        }
        run = i + 1;
      } else if (c !== LF && !allowed(c)) {
        this.controlCharacter();
      }
    }
    return out + s.slice(run, to);
  }

  private entity(name: string, at: number): string {
    const text = referencedText(name);
    if (text !== null) return text;
    const what = name.startsWith('#') ? 'invalid character reference' : 'undefined entity';
    return this.fail(`${what} &${name};`, this.base + at);
  }

  /** Text outside columns must be whitespace. */
  private whitespace(s: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c === LF) {
        this.line++;
        this.lineStart = this.base + i + 1;
      } else if (!isSpace(c)) {
        const text = s.slice(i, to).trim().slice(0, 40);
        const message =
          this.depth === 0 && this.sawRoot
            ? `text after the end of the root element: "${text}"`
            : `unexpected text "${text}"`;
        this.fail(message, this.base + i);
      }
    }
  }

  /** DesInventar does not filter control characters out of texts; keep them and warn once per table. */
  private controlCharacter(): void {
    if (this.column === null || this.table === null) this.fail('disallowed character');
    if (this.badCharTables.has(this.table)) return;
    this.badCharTables.add(this.table);
    this.warn(
      'control_character',
      `table ${this.table} holds characters XML does not allow (first in column ${this.column}); kept as read`,
    );
  }

  /** A warning about the current row of the current table. */
  private warn(code: string, message: string): void {
    const place = { table: this.table ?? '', row: this.rows, line: this.line };
    this.events.push({ kind: 'notice', notice: { kind: 'notice', level: 'warning', code, message, place } });
  }

  private lower(rawName: string): string {
    let lower = this.lowerNames.get(rawName);
    if (lower === undefined) {
      lower = rawName.toLowerCase();
      // Real exports have a few hundred distinct names; do not let a crafted file grow the cache.
      if (this.lowerNames.size < MAX_COLUMNS) this.lowerNames.set(rawName, lower);
    }
    return lower;
  }

  /** Offset of the '>' closing a tag that starts at `lt`, skipping quoted attribute values; -1 if not here yet. */
  private tagEnd(s: string, from: number): number {
    const gt = s.indexOf('>', from);
    if (gt === -1) return -1;
    let quote = -1;
    for (let i = from; i < gt; i++) {
      const c = s.charCodeAt(i);
      if (c === 34 || c === 39) {
        quote = i;
        break;
      }
    }
    if (quote === -1) return gt;
    // Attribute values may hold '>': walk the quotes.
    let i = quote;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === GT) return i;
      if (c === 34 || c === 39) {
        const close = s.indexOf(String.fromCharCode(c), i + 1);
        if (close === -1) return -1;
        i = close + 1;
      } else i++;
    }
    return -1;
  }

  private openTag(s: string, lt: number): number {
    // The common case first: the column the table's previous row had at this position.
    if (this.depth === 3 && this.diverged === null && this.layout !== null) {
      const expected = this.layout.raw[this.position];
      const nameEnd = lt + 1 + (expected?.length ?? 0);
      if (
        expected !== undefined &&
        nameEnd < s.length &&
        writtenAt(s, expected, lt + 1) &&
        endsName(s.charCodeAt(nameEnd))
      ) {
        const gt = this.tagEnd(s, nameEnd);
        if (gt === -1) return -1;
        // <name> and <name/> hold no line break.
        if (gt > nameEnd + 1) this.countLines(s, nameEnd, gt);
        this.openColumn(expected, this.layout.names[this.layout.slot[this.position]!]!, lt);
        if (s.charCodeAt(gt - 1) === SLASH) this.closeColumn();
        return gt + 1;
      }
    }
    let nameEnd = lt + 1;
    while (nameEnd < s.length && !endsName(s.charCodeAt(nameEnd))) nameEnd++;
    if (nameEnd >= s.length) return -1;
    const gt = this.tagEnd(s, nameEnd);
    if (gt === -1) return -1;
    const raw = s.slice(lt + 1, nameEnd);
    if (raw === '' || raw.includes('<') || raw.includes('&'))
      this.fail(`malformed tag <${raw.slice(0, 40)}`, this.base + lt);
    this.countLines(s, lt, gt);
    const selfClosing = s.charCodeAt(gt - 1) === SLASH;
    this.open(raw, lt);
    if (selfClosing) this.close();
    return gt + 1;
  }

  private open(raw: string, lt: number): void {
    const name = this.lower(raw);
    const at = this.base + lt;
    if (this.depth === 0) {
      if (this.rootClosed) this.fail(`a second root element <${raw}>`, at);
      if (name !== 'desinventar') this.fail(`not a DesInventar export: root element <${raw}>`, at);
      this.sawRoot = true;
      this.rootRaw = raw;
    } else if (this.depth === 1) {
      this.table = name;
      this.tableRaw = raw;
      this.rows = 0;
      this.layout = null;
      this.events.push({ kind: 'tableStart', table: name, line: this.line });
    } else if (this.depth === 2) {
      if (name !== 'tr') this.fail(`expected <TR>, found <${raw}>`, at);
      this.trRaw = raw;
      this.rows++;
      this.rowLine = this.line;
      this.inRow = true;
      this.position = 0;
      this.diverged = null;
      this.values = [];
    } else if (this.depth === 3) {
      if (this.diverged === null) this.diverged = this.layout ? this.layout.raw.slice(0, this.position) : [];
      this.diverged.push(raw);
      this.openColumn(raw, name, lt);
      return;
    } else {
      this.fail(`unexpected element <${raw}> inside column ${this.column}`, at);
    }
    this.depth++;
  }

  private openColumn(raw: string, name: string, lt: number): void {
    if (this.position >= MAX_COLUMNS)
      this.fail(`more than ${MAX_COLUMNS} columns in one row`, this.base + lt);
    this.column = name;
    this.columnRaw = raw;
    this.text = null;
    this.depth = 4;
  }

  private closeColumn(): void {
    this.values.push(this.text === '' ? null : this.text);
    this.position++;
    this.column = null;
    this.text = null;
    this.depth = 3;
  }

  private closeTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt + 2);
    if (gt === -1) return -1;
    const expected =
      this.depth === 4
        ? this.columnRaw
        : this.depth === 3
          ? this.trRaw
          : this.depth === 2
            ? this.tableRaw
            : this.depth === 1
              ? this.rootRaw
              : null;
    const nameEnd = lt + 2 + (expected?.length ?? 0);
    let matches = expected !== null && writtenAt(s, expected, lt + 2);
    for (let i = nameEnd; matches && i < gt; i++) if (!isSpace(s.charCodeAt(i))) matches = false;
    if (!matches) {
      const found = s.slice(lt + 2, gt).trim();
      this.fail(
        expected === null
          ? `closing tag </${found}> without an open element`
          : `closing tag </${found}> does not match <${expected}>`,
        this.base + lt,
      );
    }
    if (gt > nameEnd) this.countLines(s, nameEnd, gt);
    this.close();
    return gt + 1;
  }

  private close(): void {
    if (this.depth === 4) {
      this.closeColumn();
      return;
    }
    this.depth--;
    if (this.depth === 2) {
      this.endRow();
    } else if (this.depth === 1) {
      this.events.push({ kind: 'tableEnd', table: this.table!, rows: this.rows });
      this.table = null;
      this.layout = null;
    } else if (this.depth === 0) {
      this.rootClosed = true;
    }
  }

  private endRow(): void {
    let layout = this.layout;
    if (this.diverged !== null || layout === null || this.position !== layout.raw.length) {
      const raw = this.diverged ?? (layout ? layout.raw.slice(0, this.position) : []);
      layout = new Layout(
        raw,
        raw.map((r) => this.lower(r)),
      );
      this.layout = layout;
    }
    const cells = new Cells(layout, layout.remap(this.values));
    this.events.push({ kind: 'row', row: new Row(this.table!, this.rows, this.rowLine, cells) });
    this.inRow = false;
    this.diverged = null;
    this.values = [];
  }

  /** <!-- comment -->, <![CDATA[ … ]]>, or a refused <!DOCTYPE …>. */
  private declaration(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const close = s.indexOf('-->', lt + 4);
      if (close === -1) return -1;
      this.countLines(s, lt, close);
      this.comment(s.slice(lt + 4, close));
      return close + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const close = s.indexOf(']]>', lt + 9);
      if (close === -1) return -1;
      if (this.depth !== 4) this.fail('unexpected CDATA section outside a column', this.base + lt);
      const start = lt + 9;
      let value = s.slice(start, close);
      this.countLines(s, start, close);
      if (value.includes('\r')) value = value.replace(/\r\n?/g, '\n');
      this.text = this.text === null ? value : this.text + value;
      return close + 3;
    }
    // A declaration cut by the end of the chunk: wait for the rest.
    const head = s.slice(lt, lt + 9);
    if (head.length < 9 && ['<!--', '<![CDATA[', '<!DOCTYPE'].some((d) => d.startsWith(head.toUpperCase())))
      return -1;
    if (s.startsWith('<!DOCTYPE', lt) || s.startsWith('<!doctype', lt)) {
      this.fail(
        'DOCTYPE declarations are not allowed: entity definitions can expand without bound or read other files',
        this.base + lt,
      );
    }
    return this.fail(`unexpected markup ${s.slice(lt, lt + 12)}`, this.base + lt);
  }

  /** exportXML.jsp writes a comment into a column whose value it failed to read: say so. */
  private comment(comment: string): void {
    if (this.column === null || !/error/i.test(comment)) return;
    this.warn(
      'export_error',
      `column ${this.column} holds an export error comment: ${comment.trim().slice(0, 200)}`,
    );
  }

  /** <?xml …?> and other processing instructions carry nothing a DesInventar export needs. */
  private instruction(s: string, lt: number): number {
    const close = s.indexOf('?>', lt + 2);
    if (close === -1) return -1;
    if (this.depth === 4) this.fail('unexpected processing instruction inside a column', this.base + lt);
    this.countLines(s, lt, close);
    return close + 2;
  }
}
