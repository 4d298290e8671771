/**
 * GET forms of the analytics queries: the query string carries the same fields as the POST body,
 * lists comma-separated and the filter spec as JSON (`filter={"eventTypes":["FLOOD"]}`), so a
 * result or its CSV can be linked to. The converted body is validated by the POST body's schema.
 * The money basis is `money=currency[,basis[,baseYear]]` (`money=usd`, `money=usd,constant,2015`;
 * `money=usd,2015` means constant prices of 2015) or the body's object as JSON.
 */
import { z } from 'zod';
import { validationFailed } from '../shared/errors.ts';
import { type MoneyBasis, MoneyBasisSchema } from '../shared/money.ts';
import { QUERY_SCHEMAS, type QueryKind } from '../shared/schemas/analytics.ts';
import { zodIssues } from './errors.ts';

type Convert = (value: string) => unknown;

const list: Convert = (v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const number: Convert = (v) => (v.trim() === '' ? v : Number(v));
const flag: Convert = (v) => (v === 'true' ? true : v === 'false' ? false : v);
const text: Convert = (v) => v;
const money: Convert = (v) => {
  if (v.trim().startsWith('{')) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  const [currency, second, third] = list(v) as (string | undefined)[];
  if (currency === undefined) return v;
  const yearOnly = second !== undefined && /^\d+$/.test(second);
  const basis = yearOnly ? 'constant' : second;
  const year = yearOnly ? second : third;
  return {
    currency,
    ...(basis !== undefined && { basis }),
    ...(year !== undefined && { baseYear: Number(year) }),
  };
};

/** The query-string fields of each kind and how each becomes a body value. */
const PARAMS: Record<QueryKind, Record<string, Convert>> = {
  totals: { money },
  statistics: { by: list, measures: list, sort: text, order: text, limit: number, money, geography: text },
  crosstab: { rows: text, columns: text, measure: text, money, geography: text },
  timeseries: { interval: text, measures: list, money },
  map: { level: number, measures: list, geometry: flag, money, geography: text },
  list: { columns: list, sort: text, order: text, pageSize: number, page: number, cursor: text, money },
};

/** Download format and name language, taken by every query route (GET and POST). */
export const OutputQuery = z.object({
  format: z
    .enum(['json', 'csv', 'xlsx'])
    .default('json')
    .meta({ description: 'json, or a csv/xlsx download' }),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional()
    .meta({ description: 'Language of names (falls back to the tenant default, English, the code)' }),
});

const MONEY_PARAM =
  'Losses as currency[,basis[,baseYear]]: local or usd, nominal or constant (usd,constant,2015; usd,2015 = constant 2015 prices)';

/** A money basis from the query string (`usd,constant,2015`), validated (400 at `money.*`). */
export function moneyFromParam(value: string | undefined): MoneyBasis | undefined {
  if (value === undefined) return undefined;
  const parsed = MoneyBasisSchema.safeParse(money(value));
  if (!parsed.success)
    throw validationFailed(
      zodIssues(parsed.error).map((i) => ({ ...i, path: i.path === '(body)' ? 'money' : `money.${i.path}` })),
    );
  return parsed.data;
}

/** The documented query string of GET /query/{kind}. */
export function getQuerySchema(kind: QueryKind) {
  const fields = Object.fromEntries(
    Object.keys(PARAMS[kind]).map((k) => [
      k,
      z
        .string()
        .optional()
        .meta(
          k === 'money'
            ? { description: MONEY_PARAM, example: 'usd,constant,2015' }
            : { description: `As in the POST body (lists comma-separated)` },
        ),
    ]),
  );
  return OutputQuery.extend({
    filter: z
      .string()
      .optional()
      .meta({ description: 'The filter spec as JSON', example: '{"eventTypes":["FLOOD"]}' }),
    ...fields,
  });
}

/** The POST body a GET query string stands for, validated (400 naming each bad field). */
export function bodyFromParams<K extends QueryKind>(kind: K, params: Record<string, string | undefined>) {
  const body: Record<string, unknown> = {};
  if (params.filter !== undefined) {
    try {
      body.filter = JSON.parse(params.filter);
    } catch {
      throw validationFailed([{ path: 'filter', code: 'invalid_json', message: 'is not valid JSON' }]);
    }
  }
  for (const [key, convert] of Object.entries(PARAMS[kind])) {
    const value = params[key];
    if (value !== undefined) body[key] = convert(value);
  }
  if (kind === 'statistics') {
    // The body's sort is { by, order }; the query string spells it sort=deaths&order=desc.
    if (typeof body.sort === 'string') body.sort = { by: body.sort, order: body.order ?? 'desc' };
    delete body.order;
  }
  const parsed = QUERY_SCHEMAS[kind].safeParse(body);
  if (!parsed.success) throw validationFailed(zodIssues(parsed.error));
  return parsed.data as z.infer<(typeof QUERY_SCHEMAS)[K]>;
}
