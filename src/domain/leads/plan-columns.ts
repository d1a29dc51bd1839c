import { CANONICAL_FIELDS, isCanonicalField, REPEATABLE_FIELDS, type CanonicalField } from './canonical-fields.js';
import { CONTACT_COLUMN_RULES, IMPORT_PRESETS, PHONE_HEADER_LINE_TYPES, type ImportPreset, type ImportPresetName } from './import-presets.js';
import { normalizeHeader } from './normalize-header.js';
import type { RowWarning } from './types.js';

/** `--map column=field` overrides: file column → canonical field, or `ignore` to drop a column. */
export type ColumnMapping = Readonly<Record<string, CanonicalField | 'ignore'>>;

export interface PlannedColumn {
  index: number;
  header: string;
  field: CanonicalField;
  /** For contact parts: which person (`c`) and which item (`n`) the column belongs to. */
  person?: string;
  item?: string;
  /** For a phone column named after a line type (`Cell`, `Landline`): that type (`PHONE_HEADER_LINE_TYPES`). */
  lineType?: 'mobile' | 'landline';
}

/** How a file's columns map, computed once per file and reused for every row. */
export interface ColumnPlan {
  preset: ImportPreset;
  headerCount: number;
  columns: PlannedColumn[];
  /** Columns no rule maps; kept so a UI can offer them for `--map`. */
  unmapped: string[];
  /** Header-level findings (row 0). */
  warnings: RowWarning[];
}

export interface PlanColumnsOptions {
  preset?: ImportPresetName;
  mapping?: ColumnMapping;
  headers: readonly string[];
}

export type PlanColumnsResult = { ok: true; plan: ColumnPlan } | { ok: false; field: string; reason: string };

/**
 * Resolves a header row against a preset: explicit mapping first, then the preset's aliases (best
 * first), then Curb's canonical names, then numbered contact columns. Fails only when no column can
 * identify a property (neither parcel id nor situs address), since every row would then be skipped.
 *
 * @example planColumns({ preset: 'propstream', headers: ['APN', 'Address', 'Phone 1'] })
 */
export function planColumns(options: PlanColumnsOptions): PlanColumnsResult {
  const preset = IMPORT_PRESETS[options.preset ?? 'generic'];
  const headers = options.headers;
  const normalized = headers.map(normalizeHeader);
  const taken = new Array<boolean>(headers.length).fill(false);
  const columns: PlannedColumn[] = [];
  const warnings: RowWarning[] = [];
  const resolved = new Set<CanonicalField>();

  const take = (index: number, field: CanonicalField, person?: string, item?: string): void => {
    taken[index] = true;
    if (!REPEATABLE_FIELDS.has(field)) resolved.add(field);
    const lineType = field === 'phone' ? PHONE_HEADER_LINE_TYPES.find((t) => t.pattern.test(normalized[index]!))?.lineType : undefined;
    columns.push({
      index,
      header: headers[index]!,
      field,
      ...(person !== undefined ? { person } : {}),
      ...(item !== undefined ? { item } : {}),
      ...(lineType ? { lineType } : {}),
    });
  };

  for (const [column, field] of Object.entries(options.mapping ?? {})) {
    if (field !== 'ignore' && !isCanonicalField(field)) {
      return { ok: false, field: column, reason: `--map ${column}=${field}: "${field}" is not a Curb field` };
    }
    const key = normalizeHeader(column);
    const index = normalized.findIndex((h, i) => h === key && !taken[i]);
    if (index === -1) {
      warnings.push({ row: 0, field: column, reason: 'mapped column is not in the file' });
      continue;
    }
    if (field === 'ignore') taken[index] = true;
    else if (REPEATABLE_FIELDS.has(field)) take(index, field, `m${index}`, '1');
    else if (resolved.has(field)) warnings.push({ row: 0, field: column, reason: `${field} is already mapped; column ignored` });
    else take(index, field);
  }

  const byAlias = (field: CanonicalField, aliases: readonly string[]): void => {
    if (resolved.has(field) && !REPEATABLE_FIELDS.has(field)) return;
    for (const alias of aliases) {
      const key = normalizeHeader(alias);
      const index = normalized.findIndex((h, i) => h === key && !taken[i]);
      if (index === -1) continue;
      if (REPEATABLE_FIELDS.has(field)) take(index, field, `a${index}`, '1');
      else {
        take(index, field);
        return;
      }
    }
  };
  for (const [field, aliases] of Object.entries(preset.columns) as Array<[CanonicalField, readonly string[]]>) byAlias(field, aliases);
  for (const field of Object.keys(CANONICAL_FIELDS) as CanonicalField[]) {
    if (!REPEATABLE_FIELDS.has(field)) byAlias(field, [field]);
  }

  const unmapped: string[] = [];
  for (let i = 0; i < headers.length; i++) {
    if (taken[i]) continue;
    const h = normalized[i]!;
    const rule = CONTACT_COLUMN_RULES.find((r) => r.pattern.test(h));
    if (rule) {
      const g = rule.pattern.exec(h)!.groups ?? {};
      take(i, rule.field, g.c ?? '0', g.n || '1');
    } else if (h && normalized.indexOf(h) < i) {
      warnings.push({ row: 0, field: headers[i]!, reason: 'duplicate column name; only the first is used' });
    } else if (h) {
      unmapped.push(headers[i]!);
    }
  }

  if (!resolved.has('parcel_id') && !resolved.has('situs_address')) {
    return {
      ok: false,
      field: 'parcel_id',
      reason: `no column maps to parcel_id or situs_address (preset ${preset.name}); map one with --map "<column>=situs_address"`,
    };
  }
  // File order, so a row's warnings read left to right like the spreadsheet.
  columns.sort((a, b) => a.index - b.index);
  return { ok: true, plan: { preset, headerCount: headers.length, columns, unmapped, warnings } };
}
