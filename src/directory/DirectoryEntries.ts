import { z } from 'zod';
import type { AreaCatalog } from '../areas/AreaCatalog.js';
import type { Locale } from '../i18n.js';
import type { SqlExecutor } from '../store/Database.js';

/** The area code of national numbers (113, 115, 111); also the national counselors' queue. */
export const NATIONAL_AREA = 'vn';
/**
 * Emergency numbers come before the other entries of their area, in this order (police, ambulance,
 * child protection), wherever they are listed: the danger message, the national list.
 */
const EMERGENCY_FIRST = ['113', '115', '111'];

/** What kind of place an entry is; each has a label in content/locales/<lang>/directory.json. */
export const ENTRY_KINDS = ['trusted_address', 'prevention_group', 'club', 'hotline', 'health_station', 'shelter', 'legal_aid'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** What a place offers; each has a label in content/locales/<lang>/directory.json. */
export const ENTRY_OFFERS = ['counselling', 'shelter', 'medical', 'legal', 'police', 'child_protection'] as const;
export type EntryOffer = (typeof ENTRY_OFFERS)[number];

/** Who keeps an entry up to date: the seed files, or an admin (inbox edit or import). */
export type EntryManager = 'seed' | 'admin';

/**
 * One entry as seeds, imports and the inbox give it. English texts may be empty: the Vietnamese
 * ones are shown instead. The phone is kept as people dial it in Vietnam ("113", "024 3942 1234").
 */
export const directoryEntryInputSchema = z.object({
  id: z.string().trim().regex(/^[a-z0-9][a-z0-9/_-]{1,119}$/, 'lower-case letters, digits, "/", "-", "_" expected'),
  kind: z.enum(ENTRY_KINDS),
  areaCode: z.string().trim().min(1),
  name: z.object({ vi: z.string().trim().min(1).max(200), en: z.string().trim().max(200).default('') }),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 .-]{1,19}$/, 'digits, spaces, dots or dashes expected'),
  hours: z.object({ vi: z.string().trim().max(200).default(''), en: z.string().trim().max(200).default('') }).default({ vi: '', en: '' }),
  address: z.string().trim().max(300).default(''),
  offers: z.array(z.enum(ENTRY_OFFERS)).default([]),
  sample: z.boolean().default(false),
});
export type DirectoryEntryInput = z.infer<typeof directoryEntryInputSchema>;

/** A stored entry. */
export interface DirectoryEntry extends DirectoryEntryInput {
  readonly active: boolean;
  readonly managedBy: EntryManager;
  readonly updatedAt: Date;
}

interface EntryRow {
  [column: string]: unknown;
  id: string;
  kind: EntryKind;
  area_code: string;
  name_vi: string;
  name_en: string;
  phone: string;
  hours_vi: string;
  hours_en: string;
  address: string;
  offers: EntryOffer[] | null;
  sample: boolean;
  active: boolean;
  managed_by: EntryManager;
  updated_at: Date;
}

function entryOf(row: EntryRow): DirectoryEntry {
  return {
    id: row.id,
    kind: row.kind,
    areaCode: row.area_code,
    name: { vi: row.name_vi, en: row.name_en },
    phone: row.phone,
    hours: { vi: row.hours_vi, en: row.hours_en },
    address: row.address,
    offers: row.offers ?? [],
    sample: row.sample,
    active: row.active,
    managedBy: row.managed_by,
    updatedAt: row.updated_at,
  };
}

/** The columns an input sets, in the order of {@link UPSERT}'s parameters $2…$11. */
function columns(input: DirectoryEntryInput): unknown[] {
  return [input.kind, input.areaCode, input.name.vi, input.name.en, input.phone, input.hours.vi, input.hours.en, input.address, input.offers, input.sample];
}

const UPSERT = `INSERT INTO directory_entry (id, kind, area_code, name_vi, name_en, phone, hours_vi, hours_en, address, offers, sample, active, managed_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true, $12)
  ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, area_code = EXCLUDED.area_code, name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
    phone = EXCLUDED.phone, hours_vi = EXCLUDED.hours_vi, hours_en = EXCLUDED.hours_en, address = EXCLUDED.address, offers = EXCLUDED.offers,
    sample = EXCLUDED.sample, active = true, managed_by = EXCLUDED.managed_by, updated_at = now()`;

/** The text of a localized pair in `locale`, the Vietnamese one when the other is empty. */
export function localized(pair: Readonly<Record<Locale, string>>, locale: Locale): string {
  return pair[locale] || pair.vi;
}

/**
 * The directory in PostgreSQL: where to find help, by area. Entries marked `sample` are left out
 * unless `includeSamples` (never in production: a made-up number must not reach someone in danger).
 */
export class DirectoryEntries {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly areas: AreaCatalog,
    private readonly options: { includeSamples: boolean },
  ) {}

  /** The reason an input cannot be stored (an area the catalog does not know), or undefined. */
  problem(input: DirectoryEntryInput): string | undefined {
    return input.areaCode === NATIONAL_AREA || this.areas.get(input.areaCode) ? undefined : `areaCode: unknown area ${input.areaCode}`;
  }

  /**
   * Creates or updates an entry by id; an entry that already says the same is left untouched, so
   * seeding or importing the same list twice changes nothing.
   * @param by - `admin` for inbox edits and imports: from then on seeds leave the entry alone;
   *   `seed` only updates entries that are still the seed's (and never brings back a removed one).
   */
  async upsert(input: DirectoryEntryInput, by: EntryManager): Promise<'created' | 'updated' | 'unchanged' | 'kept'> {
    const problem = this.problem(input);
    if (problem) throw new Error(problem);
    const stored = (await this.sql.query<EntryRow>('SELECT * FROM directory_entry WHERE id = $1', [input.id]))[0];
    if (stored && by === 'seed' && (stored.managed_by === 'admin' || !stored.active)) return 'kept';
    if (stored && stored.active && stored.managed_by === by && JSON.stringify(columns(entryOf(stored))) === JSON.stringify(columns(input))) return 'unchanged';
    await this.sql.query(UPSERT, [input.id, ...columns(input), by]);
    return stored ? 'updated' : 'created';
  }

  /**
   * Hides an entry from people. The row stays (marked as the admin's), so the seed that first
   * brought it does not bring it back on the next start.
   * @returns false when there is no such entry.
   */
  async remove(id: string): Promise<boolean> {
    const rows = await this.sql.query("UPDATE directory_entry SET active = false, managed_by = 'admin', updated_at = now() WHERE id = $1 RETURNING id", [id]);
    return rows.length > 0;
  }

  /** One entry, removed ones too (for the inbox). */
  async find(id: string): Promise<DirectoryEntry | undefined> {
    const row = (await this.sql.query<EntryRow>('SELECT * FROM directory_entry WHERE id = $1', [id]))[0];
    return row && entryOf(row);
  }

  /**
   * Every entry, removed and sample ones too, by area then id (for the inbox).
   * @param filter.areaCode - only entries in this area or below it (a province's communes too).
   * @param filter.kind - only entries of this kind.
   */
  async list(filter: { areaCode?: string; kind?: EntryKind } = {}): Promise<DirectoryEntry[]> {
    const rows = await this.sql.query<EntryRow>('SELECT * FROM directory_entry WHERE ($1::text IS NULL OR kind = $1) ORDER BY area_code, id', [filter.kind ?? null]);
    const { areaCode } = filter;
    // Area codes do not nest as text (a commune's code does not start with its former district's).
    const within = (code: string) => !areaCode || code === areaCode || this.areas.lineage(code).some((area) => area.code === areaCode);
    return rows.filter((row) => within(row.area_code)).map(entryOf);
  }

  /**
   * The entries people may see nearest to an area: the commune's first, then its former
   * district's, then its province's, then the national numbers. Within one area in id order.
   * @param options.kinds - only these kinds.
   * @param options.national - include the national numbers (default true).
   */
  async nearest(areaCode: string | undefined, options: { kinds?: readonly EntryKind[]; national?: boolean } = {}): Promise<DirectoryEntry[]> {
    const chain = [...(areaCode ? this.areas.lineage(areaCode).map((area) => area.code) : []), ...(options.national === false ? [] : [NATIONAL_AREA])];
    if (chain.length === 0) return [];
    const rows = await this.sql.query<EntryRow>(
      `SELECT * FROM directory_entry
       WHERE active AND area_code = ANY($1::text[]) AND (NOT sample OR $2) AND ($3::text[] IS NULL OR kind = ANY($3::text[]))
       ORDER BY array_position($1::text[], area_code), array_position($4::text[], phone), id`,
      [chain, this.options.includeSamples, options.kinds ?? null, EMERGENCY_FIRST],
    );
    return rows.map(entryOf);
  }
}
