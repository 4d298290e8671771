/**
 * The tables of a DesInventar 9 (datamodel revision 16) XML export, in the order its writer
 * emits them, and the columns of each table in its PostgreSQL column order (what the JDBC
 * driver reports, hence what DesInventar writes). Columns of the extension table are the
 * tenant's own (diccionario), so they are not listed here.
 */

/** Every table, in export order. */
export const DI_TABLES = [
  'datamodel',
  'eventos',
  'causas',
  'niveles',
  'lev0',
  'lev1',
  'lev2',
  'regiones',
  'extensiontabs',
  'diccionario',
  'extensioncodes',
  'fichas',
  'extension',
  'level_maps',
  'info_maps',
  'level_attributes',
  'attribute_metadata',
  'metadata_national',
  'metadata_national_values',
  'metadata_national_lang',
  'metadata_indicator',
  'metadata_indicator_lang',
  'metadata_element',
  'metadata_element_costs',
  'metadata_element_lang',
  'metadata_element_indicator',
] as const;

/** A DesInventar table. */
export type DiTable = (typeof DI_TABLES)[number];

/** The datamodel revision LossLedger writes when the source gave none. */
export const DI_DATAMODEL = { revision: '16', build: '0', slanguage: null } as const;

const LEVEL_MAP_STYLE = [
  'color_red',
  'color_green',
  'color_blue',
  'line_thickness',
  'line_type',
  'projection_system',
  'projection_type',
  'projection_driver',
  ...Array.from({ length: 10 }, (_, i) => `projection_par${i}`),
];

/** Columns of each table except extension, in DesInventar's order. */
export const DI_COLUMNS: Record<Exclude<DiTable, 'extension'>, readonly string[]> = {
  datamodel: ['revision', 'build', 'slanguage'],
  eventos: ['serial', 'nombre', 'nombre_en', 'descripcion', 'parent', 'terminal', 'hlevel'],
  causas: ['causa', 'causa_en'],
  niveles: ['nivel', 'descripcion', 'descripcion_en', 'longitud'],
  lev0: ['lev0_cod', 'lev0_name', 'lev0_name_en'],
  lev1: ['lev1_cod', 'lev1_name', 'lev1_name_en', 'lev1_lev0'],
  lev2: ['lev2_cod', 'lev2_name', 'lev2_name_en', 'lev2_lev1'],
  regiones: [
    'codregion',
    'nombre',
    'nombre_en',
    'x',
    'y',
    'angulo',
    'xmin_',
    'ymin',
    'xmax_',
    'ymax',
    'xtext',
    'ytext',
    'nivel',
    'ap_lista',
    'lev0_cod',
  ],
  extensiontabs: ['ntab', 'nsort', 'svalue', 'svalue_en'],
  diccionario: [
    'orden',
    'nombre_campo',
    'descripcion_campo',
    'label_campo',
    'label_campo_en',
    'pos_x',
    'pos_y',
    'lon_x',
    'lon_y',
    'color',
    'tabnumber',
    'fieldtype',
  ],
  extensioncodes: ['nsort', 'svalue', 'svalue_en', 'field_name', 'code_value'],
  fichas: [
    'serial',
    'level0',
    'level1',
    'level2',
    'name0',
    'name1',
    'name2',
    'evento',
    'lugar',
    'fechano',
    'fechames',
    'fechadia',
    'muertos',
    'heridos',
    'desaparece',
    'afectados',
    'vivdest',
    'vivafec',
    'otros',
    'fuentes',
    'valorloc',
    'valorus',
    'fechapor',
    'fechafec',
    'hay_muertos',
    'hay_heridos',
    'hay_deasparece',
    'hay_afectados',
    'hay_vivdest',
    'hay_vivafec',
    'hay_otros',
    'socorro',
    'salud',
    'educacion',
    'agropecuario',
    'industrias',
    'acueducto',
    'alcantarillado',
    'energia',
    'comunicaciones',
    'causa',
    'descausa',
    'transporte',
    'magnitud2',
    'nhospitales',
    'nescuelas',
    'nhectareas',
    'cabezas',
    'kmvias',
    'duracion',
    'damnificados',
    'evacuados',
    'hay_damnificados',
    'hay_evacuados',
    'hay_reubicados',
    'reubicados',
    'clave',
    'glide',
    'defaultab',
    'approved',
    'latitude',
    'longitude',
    'uu_id',
    'di_comments',
  ],
  level_maps: ['map_level', 'filename', 'lev_code', 'lev_name', 'filetype', ...LEVEL_MAP_STYLE],
  info_maps: ['filename', 'layer_name', 'layer_name_en', 'layer', 'visible', 'filetype', ...LEVEL_MAP_STYLE],
  level_attributes: ['table_level', 'table_name', 'table_code'],
  attribute_metadata: [
    'field_table',
    'field_name',
    'field_label',
    'field_label_en',
    'field_description',
    'field_description_en',
    'field_date',
    'field_source',
  ],
  metadata_national: [
    'metadata_key',
    'metadata_country',
    'metadata_variable',
    'metadata_description',
    'metadata_source',
    'metadata_default_value',
    'metadata_default_value_us',
  ],
  metadata_national_values: [
    'metadata_key',
    'metadata_country',
    'metadata_year',
    'metadata_value',
    'metadata_value_us',
  ],
  metadata_national_lang: ['metadata_key', 'metadata_country', 'metadata_lang', 'metadata_description'],
  metadata_indicator: ['indicator_key', 'indicator_code', 'indicator_description'],
  metadata_indicator_lang: ['indicator_key', 'metadata_lang', 'indicator_description'],
  metadata_element: [
    'metadata_element_key',
    'metadata_country',
    'metadata_element_code',
    'metadata_element_fao',
    'metadata_element_sector',
    'metadata_element_source',
    'metadata_element_description',
    'metadata_element_unit',
    'metadata_element_measurement',
    'metadata_element_average_size',
    'metadata_element_equipment',
    'metadata_element_infrastr',
    'metadata_element_damage_r',
    'metadata_element_formula',
    'metadata_element_workers',
    'metadata_element_price',
    'metadata_element_price_us',
  ],
  metadata_element_costs: [
    'metadata_element_key',
    'metadata_country',
    'metadata_element_year',
    'metadata_element_unit_cost',
    'metadata_element_unit_cost_us',
  ],
  metadata_element_lang: [
    'metadata_element_key',
    'metadata_country',
    'metadata_lang',
    'metadata_element_sector',
    'metadata_element_source',
    'metadata_element_description',
    'metadata_element_unit',
    'metadata_element_measurement',
  ],
  metadata_element_indicator: ['metadata_element_key', 'metadata_country', 'indicator_key'],
};

/** A row as column -> text (null = empty element), in the table's column order plus any extra columns. */
export type DiRow = ReadonlyArray<readonly [string, string | number | null]>;

/**
 * A record's columns in DesInventar's order, then the columns DesInventar does not know (in the
 * record's order). `complete` writes every known column (absent ones empty); otherwise only the
 * record's own columns are written, as for rows kept verbatim from a source.
 */
export function orderedRow(
  table: string,
  values: Readonly<Record<string, string | number | null>>,
  complete = true,
): DiRow {
  const known = (DI_COLUMNS as Record<string, readonly string[] | undefined>)[table] ?? [];
  const row: [string, string | number | null][] = [];
  for (const column of known) {
    if (complete || column in values) row.push([column, values[column] ?? null]);
  }
  for (const [column, value] of Object.entries(values))
    if (!known.includes(column)) row.push([column, value]);
  return row;
}
