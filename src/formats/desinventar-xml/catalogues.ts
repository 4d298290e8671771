/**
 * eventos -> eventType and causas -> cause items. Both are keyed by their (localised, possibly
 * truncated) name, which is what fichas.evento and fichas.causa hold.
 */
import type { CauseItem, EventTypeItem, ImportItem, Legacy, NoticeItem } from '../model.ts';
import { type ColumnCheck, localNames, type Row } from './row.ts';

const EVENT_COLUMNS = new Set([
  'serial',
  'nombre',
  'nombre_en',
  'descripcion',
  'parent',
  'terminal',
  'hlevel',
]);
const CAUSE_COLUMNS = new Set(['causa', 'causa_en']);

/** Buffers eventos (a small table) so that parents are yielded before their children. */
export class EventCatalogue {
  private events: EventTypeItem[] = [];

  constructor(
    private readonly language: () => string,
    private readonly columns: ColumnCheck,
  ) {}

  /** Take one eventos row. */
  add(row: Row): NoticeItem[] {
    const legacy: Legacy = {
      serial: row.text('serial'),
      terminal: row.text('terminal'),
      hlevel: row.text('hlevel'),
      parent: row.text('parent'),
    };
    const notices = this.columns.collect(row, EVENT_COLUMNS, legacy);
    const code = row.required('nombre');
    const english = row.text('nombre_en');
    if (this.language() === 'en' && english !== null && english !== code) legacy.nombre_en = english;
    this.events.push({
      kind: 'eventType',
      code,
      names: localNames(code, english, this.language()),
      description: row.text('descripcion'),
      parentCode: row.text('parent'),
      sortOrder: row.int('serial') ?? row.index,
      hazardCode: null,
      legacy,
    });
    return notices;
  }

  /** Whether rows are waiting. */
  get pending(): boolean {
    return this.events.length > 0;
  }

  /** The events, each parent before its children; unknown parents are dropped with a warning. */
  *flush(): Generator<ImportItem> {
    const codes = new Set(this.events.map((e) => e.code));
    const done = new Set<string>();
    let waiting = this.events;
    this.events = [];
    for (const event of waiting) {
      if (event.parentCode === null || codes.has(event.parentCode)) continue;
      yield notice(`event type ${event.code} names parent ${event.parentCode}, which is not in eventos`);
      event.parentCode = null;
    }
    while (waiting.length > 0) {
      const ready = waiting.filter((e) => e.parentCode === null || done.has(e.parentCode));
      if (ready.length === 0) {
        // A cycle: break it at the first event left.
        const [first] = waiting;
        yield notice(
          `event types ${waiting.map((e) => e.code).join(', ')} form a parent cycle; ${first!.code} loses its parent`,
        );
        first!.parentCode = null;
        continue;
      }
      for (const event of ready) {
        done.add(event.code);
        yield event;
      }
      waiting = waiting.filter((e) => !done.has(e.code));
    }
  }
}

/** A causas row as a cause item (sort order = position in the table). */
export function readCause(row: Row, language: string, columns: ColumnCheck): ImportItem[] {
  const legacy: Legacy = {};
  const notices = columns.collect(row, CAUSE_COLUMNS, legacy);
  const code = row.required('causa');
  const english = row.text('causa_en');
  if (language === 'en' && english !== null && english !== code) legacy.causa_en = english;
  const cause: CauseItem = {
    kind: 'cause',
    code,
    names: localNames(code, english, language),
    sortOrder: row.index,
    legacy,
  };
  return [...notices, cause];
}

function notice(message: string): NoticeItem {
  return { kind: 'notice', level: 'warning', code: 'event_parent', message };
}
