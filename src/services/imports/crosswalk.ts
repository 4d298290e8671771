/**
 * The global crosswalk from legacy event names (any language, upper-cased) to hazard codes:
 * imported from a CSV such as desinventar-events.csv, used to suggest an event type's hazard.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { Names } from '../../formats/model.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { CsvError, parseCsv } from '../hazards/csv.ts';
import { insertRows } from './rows.ts';

/** Upper-cased name -> hazard code (only hazards present in the hazard catalogue). */
export type Crosswalk = ReadonlyMap<string, string>;

/** The crosswalk key of a name. */
export const crosswalkKey = (name: string) => name.trim().toUpperCase().replace(/\s+/g, ' ');

/** Load the crosswalk entries whose hazard exists. */
export async function loadCrosswalk(ex: Executor): Promise<Crosswalk> {
  const rows = await queryRows<{ name: string; hazard_code: string }>(
    ex,
    sql`select c.name, c.hazard_code from event_hazard_crosswalk c join hazards h on h.code = c.hazard_code`,
  );
  return new Map(rows.map((r) => [crosswalkKey(r.name), r.hazard_code]));
}

/** A hazard code for an event type's names: the English name first, then the others. */
export function suggestHazard(crosswalk: Crosswalk, names: Names): string | null {
  const ordered = [
    names.en,
    ...Object.entries(names)
      .filter(([l]) => l !== 'en')
      .map(([, n]) => n),
  ];
  for (const name of ordered) {
    const code = name ? crosswalk.get(crosswalkKey(name)) : undefined;
    if (code) return code;
  }
  return null;
}

/** What a crosswalk import did. */
export interface CrosswalkResult {
  names: number;
  created: number;
  updated: number;
  /** Hazard codes of the file that the hazard catalogue lacks (their names are kept without a code). */
  missingHazards: string[];
}

interface Entry {
  name: string;
  hazard_code: string | null;
  glide: string | null;
  emdat_key: string | null;
  source: string | null;
}

const CODE_COLUMNS = ['hips_2025_code', 'hazards_2025_code', 'hazard_code'];

/** Read the CSV into one entry per distinct name (name_en, name_ru, … columns); the first row naming a name wins. */
function readEntries(file: string): Entry[] {
  if (!existsSync(file)) throw new AppError('validation_failed', `file not found: ${file}`);
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof CsvError)
      throw new AppError('validation_failed', `${basename(file)}: ${error.message}`);
    throw error;
  }
  const header = (records[0]?.fields ?? []).map((h) => h.trim().toLowerCase());
  const codeAt = header.findIndex((h) => CODE_COLUMNS.includes(h));
  const nameAts = header.flatMap((h, i) => (/^name_[a-z]{2,3}$/.test(h) ? [i] : []));
  if (codeAt < 0 || nameAts.length === 0) {
    throw new AppError(
      'validation_failed',
      `${basename(file)}: the header needs name_<language> columns and one of ${CODE_COLUMNS.join(', ')}`,
    );
  }
  const cell = (fields: string[], column: string) => {
    const at = header.indexOf(column);
    const v = at < 0 ? '' : (fields[at] ?? '').trim();
    return v === '' ? null : v;
  };
  const entries = new Map<string, Entry>();
  for (const { fields } of records.slice(1)) {
    for (const at of nameAts) {
      const name = crosswalkKey(fields[at] ?? '');
      if (!name || entries.has(name)) continue;
      entries.set(name, {
        name,
        hazard_code: (fields[codeAt] ?? '').trim() || null,
        glide: cell(fields, 'glide'),
        emdat_key: cell(fields, 'emdat_key'),
        source: cell(fields, 'mapping_source') ?? basename(file),
      });
    }
  }
  return [...entries.values()];
}

/** Upsert the crosswalk from a CSV file (superadmin; names are never deleted). */
export async function importCrosswalk(db: Db, ctx: RequestContext, file: string): Promise<CrosswalkResult> {
  if (!ctx.superadmin) throw new AppError('forbidden', 'Only a superadmin can change the hazard crosswalk.');
  const entries = readEntries(file);
  return db.transaction(async (tx) => {
    const hazards = new Set(
      (await queryRows<{ code: string }>(tx, sql`select code from hazards`)).map((r) => r.code),
    );
    const missing = new Set<string>();
    for (const e of entries) {
      if (e.hazard_code && !hazards.has(e.hazard_code)) {
        missing.add(e.hazard_code);
        e.hazard_code = null;
      }
    }
    const existing = new Set(
      (await queryRows<{ name: string }>(tx, sql`select name from event_hazard_crosswalk`)).map(
        (r) => r.name,
      ),
    );
    await tx.execute(sql`create temp table crosswalk_in (like event_hazard_crosswalk) on commit drop`);
    await insertRows(tx, 'crosswalk_in', entries as unknown as Record<string, unknown>[]);
    await tx.execute(
      sql`insert into event_hazard_crosswalk select * from crosswalk_in
          on conflict (name) do update set hazard_code = excluded.hazard_code, glide = excluded.glide,
            emdat_key = excluded.emdat_key, source = excluded.source`,
    );
    const created = entries.filter((e) => !existing.has(e.name)).length;
    const result = {
      names: entries.length,
      created,
      updated: entries.length - created,
      missingHazards: [...missing].sort(),
    };
    await recordAudit(tx, ctx, {
      tenantId: null,
      action: 'import',
      entity: 'event_hazard_crosswalk',
      entityId: basename(file),
      after: result,
    });
    return result;
  });
}
