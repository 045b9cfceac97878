import fs from 'node:fs';
import { z } from 'zod';
import type { AreaCatalog } from '../areas/AreaCatalog.js';
import type { Locale } from '../i18n.js';
import { projectPath } from '../projectRoot.js';

/** The routing target when no local team covers an area: the national hotline's counselors. */
export const NATIONAL_AREA = 'vn';

/** A local place that helps people facing domestic violence (địa chỉ tin cậy, prevention group). */
export interface TrustedAddress {
  readonly id: string;
  readonly areaCode: string;
  readonly name: Readonly<Record<Locale, string>>;
  readonly phone: string;
}

const fileSchema = z.object({
  entries: z.array(
    z.object({
      id: z.string().min(1),
      areaCode: z.string().min(1),
      name: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
      phone: z.string().min(3),
      sample: z.boolean().default(false),
    }),
  ),
});

/**
 * Finds the trusted address nearest to an area: the area's own, else its former district's, else
 * its province's. The directory feature will grow this (hours, services, import); the danger
 * interrupt and report routing only need "the nearest one".
 */
export class TrustedAddressLookup {
  private readonly byArea = new Map<string, TrustedAddress>();

  constructor(
    private readonly areas: AreaCatalog,
    entries: readonly TrustedAddress[],
  ) {
    for (const entry of entries) {
      if (!areas.get(entry.areaCode)) throw new Error(`trusted address ${entry.id}: unknown area ${entry.areaCode}`);
      // The first entry of an area is its contact; the directory lists the others.
      if (!this.byArea.has(entry.areaCode)) this.byArea.set(entry.areaCode, entry);
    }
  }

  /**
   * Reads `content/directory/trusted-addresses.json`.
   * @param options.includeSamples - keep entries marked `sample` (their numbers are not real);
   *   false in production so nobody in danger is given a made-up number.
   */
  static load(areas: AreaCatalog, options: { includeSamples: boolean; file?: string }): TrustedAddressLookup {
    const file = options.file ?? projectPath('content', 'directory', 'trusted-addresses.json');
    const { entries } = fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return new TrustedAddressLookup(
      areas,
      entries.filter((entry) => options.includeSamples || !entry.sample).map(({ sample: _sample, ...entry }) => entry),
    );
  }

  /** The nearest trusted address for an area code, walking up commune → district → province. */
  nearest(areaCode: string | undefined): TrustedAddress | undefined {
    if (!areaCode) return undefined;
    for (const area of this.areas.lineage(areaCode)) {
      const entry = this.byArea.get(area.code);
      if (entry) return entry;
    }
    return undefined;
  }

  /**
   * The area whose counselors take a case from `areaCode`: the nearest one with a trusted address
   * (commune, then former district, then province), else {@link NATIONAL_AREA}.
   */
  coveringArea(areaCode: string | undefined): string {
    return this.nearest(areaCode)?.areaCode ?? NATIONAL_AREA;
  }
}
