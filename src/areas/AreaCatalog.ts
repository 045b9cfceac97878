import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectPath } from '../projectRoot.js';
import { foldText } from '../text/foldText.js';

/** The levels of the area tree; `district` is optional (former districts, see content/areas/README.md). */
export type AreaLevel = 'province' | 'district' | 'commune';

/** A province, former district or commune, as read from `content/areas/`. */
export interface Area {
  /** Stable slug stored in the database, e.g. `ha-noi/cau-giay`. */
  readonly code: string;
  readonly level: AreaLevel;
  /** What kind of unit it is (`city`, `ward`, `former-urban-district`...); names the i18n label. */
  readonly type: string;
  /** The name without its prefix ("Cầu Giấy", not "Phường Cầu Giấy"). */
  readonly name: string;
  readonly parentCode?: string;
  /** Other names people type: former province names, abbreviations. */
  readonly aliases: readonly string[];
  /** Shown as a button when choosing a province (the pilot provinces). */
  readonly featured: boolean;
}

const communeSchema = z.object({
  code: z.string().min(1),
  type: z.enum(['ward', 'commune', 'special-zone']),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
});
const provincesFileSchema = z.object({
  provinces: z.array(
    z.object({
      code: z.string().min(1),
      type: z.enum(['city', 'province']),
      name: z.string().min(1),
      aliases: z.array(z.string()).default([]),
      featured: z.boolean().default(false),
    }),
  ),
});
const communesFileSchema = z.union([
  z.object({ province: z.string().min(1), communes: z.array(communeSchema) }),
  z.object({
    province: z.string().min(1),
    districts: z.array(
      z.object({
        code: z.string().min(1),
        type: z.enum(['former-urban-district', 'former-rural-district']),
        name: z.string().min(1),
        aliases: z.array(z.string()).default([]),
        communes: z.array(communeSchema),
      }),
    ),
  }),
]);

// The kinds of place people type with a name, and the level each means ("phường Cầu Giấy" is the
// ward, "quận Cầu Giấy" the former district). Vietnamese puts the kind first, English last; only
// that way round, since names themselves may end in such a word (Xã Hòa Xá). Longest first.
const KINDS_BEFORE: readonly (readonly [string, AreaLevel])[] = [
  ['thanh pho', 'province'],
  ['tinh', 'province'],
  ['tp', 'province'],
  ['huyen', 'district'],
  ['quan', 'district'],
  ['dac khu', 'commune'],
  ['phuong', 'commune'],
  ['xa', 'commune'],
];
const KINDS_AFTER: readonly (readonly [string, AreaLevel])[] = [
  ['province', 'province'],
  ['city', 'province'],
  ['district', 'district'],
  ['special zone', 'commune'],
  ['commune', 'commune'],
  ['ward', 'commune'],
];

/** A typed place name folded, without its kind, and the level the kind named. */
function parsePlaceName(text: string): { name: string; level?: AreaLevel } {
  const folded = foldText(text);
  const before = KINDS_BEFORE.find(([word]) => folded.startsWith(`${word} `));
  if (before) return { name: folded.slice(before[0].length + 1), level: before[1] };
  const after = KINDS_AFTER.find(([word]) => folded.endsWith(` ${word}`));
  if (after) return { name: folded.slice(0, -after[0].length - 1), level: after[1] };
  return { name: folded };
}

/**
 * The area tree (province → optional former district → commune) from `content/areas/`. Since
 * 1 July 2025 Vietnam has 34 provinces and no district level; a province's file may still group its
 * communes by former district, and every caller treats that level as optional.
 */
export class AreaCatalog {
  private readonly byCode = new Map<string, Area>();
  private readonly childrenByCode = new Map<string, Area[]>();

  constructor(areas: readonly Area[]) {
    for (const area of areas) {
      if (this.byCode.has(area.code)) throw new Error(`area ${area.code} listed twice`);
      if (area.parentCode && !this.byCode.has(area.parentCode)) throw new Error(`area ${area.code}: parent ${area.parentCode} must come first`);
      this.byCode.set(area.code, area);
      if (area.parentCode) {
        const siblings = this.childrenByCode.get(area.parentCode) ?? [];
        siblings.push(area);
        this.childrenByCode.set(area.parentCode, siblings);
      }
    }
  }

  /** Reads and validates `provinces.json` and `communes/*.json`. */
  static load(dir: string = projectPath('content', 'areas')): AreaCatalog {
    const areas: Area[] = [];
    const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const province of provincesFileSchema.parse(read(path.join(dir, 'provinces.json'))).provinces) {
      areas.push({ ...province, level: 'province' });
    }
    const communesDir = path.join(dir, 'communes');
    for (const file of fs.readdirSync(communesDir).filter((name) => name.endsWith('.json')).sort()) {
      const data = communesFileSchema.parse(read(path.join(communesDir, file)));
      const commune = (parentCode: string) => (c: z.infer<typeof communeSchema>): Area => ({ ...c, level: 'commune', parentCode, featured: false });
      if ('communes' in data) {
        areas.push(...data.communes.map(commune(data.province)));
      } else {
        for (const { communes, ...district } of data.districts) {
          areas.push({ ...district, level: 'district', parentCode: data.province, featured: false }, ...communes.map(commune(district.code)));
        }
      }
    }
    return new AreaCatalog(areas);
  }

  /** The area with this code, if the catalog knows it. */
  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }

  /** The provinces in file order. */
  provinces(): Area[] {
    return [...this.byCode.values()].filter((area) => area.level === 'province');
  }

  /** The direct children of an area (districts or communes), in file order. */
  children(code: string): readonly Area[] {
    return this.childrenByCode.get(code) ?? [];
  }

  /** From the area up to its province: `[commune, district?, province]`. Empty for an unknown code. */
  lineage(code: string): Area[] {
    const chain: Area[] = [];
    for (let area = this.byCode.get(code); area; area = area.parentCode ? this.byCode.get(area.parentCode) : undefined) {
      chain.push(area);
    }
    return chain;
  }

  /**
   * The area a typed name means, searched under `withinCode` (the whole catalog when omitted), with
   * or without diacritics. A prefix picks the level ("xã Sóc Sơn"); without one the highest level
   * wins ("Sóc Sơn" is the former district before the commune of the same name). Undefined when
   * nothing, or several at the same level, match.
   */
  search(text: string, withinCode?: string): Area | undefined {
    const wanted = parsePlaceName(text);
    if (!wanted.name) return undefined;
    const scope = withinCode ? this.descendants(withinCode) : [...this.byCode.values()];
    const matches = scope.filter(
      (area) => (!wanted.level || area.level === wanted.level) && [area.name, ...area.aliases].some((name) => foldText(name) === wanted.name),
    );
    for (const level of ['province', 'district', 'commune'] as const) {
      const atLevel = matches.filter((area) => area.level === level);
      if (atLevel.length === 1) return atLevel[0];
      if (atLevel.length > 1) return undefined;
    }
    return undefined;
  }

  private descendants(code: string): Area[] {
    return this.children(code).flatMap((child) => [child, ...this.descendants(child.code)]);
  }
}
