import { NATIONAL_AREA, type DirectoryEntries, type DirectoryEntry, type EntryKind } from './DirectoryEntries.js';

/** The kinds of entry that are an area's own contact: the danger interrupt names it, reports go to its team. */
export const CONTACT_KINDS: readonly EntryKind[] = ['trusted_address', 'prevention_group'];

/**
 * The trusted address nearest to an area, from the directory: the area's own, else its former
 * district's, else its province's. The danger interrupt and report routing only need "the nearest
 * one"; the directory dialog lists them all.
 */
export class TrustedAddressLookup {
  constructor(private readonly directory: DirectoryEntries) {}

  /** The nearest trusted address for an area code, walking up commune → district → province. */
  async nearest(areaCode: string | undefined): Promise<DirectoryEntry | undefined> {
    if (!areaCode) return undefined;
    return (await this.directory.nearest(areaCode, { kinds: CONTACT_KINDS, national: false }))[0];
  }

  /**
   * The area whose counselors take a case from `areaCode`: the nearest one with a trusted address
   * (commune, then former district, then province), else {@link NATIONAL_AREA}.
   */
  async coveringArea(areaCode: string | undefined): Promise<string> {
    return (await this.nearest(areaCode))?.areaCode ?? NATIONAL_AREA;
  }
}
