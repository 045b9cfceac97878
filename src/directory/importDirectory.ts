import type { AreaCatalog } from '../areas/AreaCatalog.js';
import { headerLookup } from '../import/headerLookup.js';
import type { ImportRowResult, RowOutcome } from '../import/ImportRowResult.js';
import { importRows } from '../import/importRows.js';
import { readSheets } from '../import/readSheets.js';
import { LOCALES, type Texts } from '../i18n.js';
import { foldText } from '../text/foldText.js';
import { directoryEntryInputSchema, ENTRY_KINDS, ENTRY_OFFERS, NATIONAL_AREA, type DirectoryEntries, type DirectoryEntryInput } from './DirectoryEntries.js';

// Headers in English or Vietnamese, compared folded.
const column = headerLookup({
  id: ['id', 'ma', 'ma dia chi'],
  kind: ['kind', 'type', 'loai', 'loai hinh'],
  area: ['area', 'area code', 'area_code', 'khu vuc', 'dia ban', 'phuong xa', 'xa phuong'],
  province: ['province', 'tinh', 'tinh thanh pho', 'tinh thanh'],
  nameVi: ['name', 'name vi', 'name_vi', 'ten', 'ten dia chi', 'ten noi giup do'],
  nameEn: ['name en', 'name_en', 'english name', 'ten tieng anh'],
  phone: ['phone', 'telephone', 'so dien thoai', 'dien thoai', 'sdt'],
  hoursVi: ['hours', 'hours vi', 'hours_vi', 'gio', 'thoi gian', 'gio lam viec'],
  hoursEn: ['hours en', 'hours_en'],
  address: ['address', 'dia chi'],
  offers: ['offers', 'services', 'ho tro', 'co the giup', 'dich vu'],
});

/** Words for the national level, besides its code. */
const NATIONAL_NAMES = ['toan quoc', 'national', 'nationwide', 'ca nuoc'];

/** The folded words that name each code of a list: the code itself and its labels in every language. */
function wordsFor<Code extends string>(texts: Texts, codes: readonly Code[], key: string): Map<string, Code> {
  const words = new Map<string, Code>();
  for (const code of codes) {
    words.set(foldText(code), code);
    for (const locale of LOCALES) words.set(foldText(texts.t(locale)(`directory:${key}.${String(code)}` as string)), code);
  }
  return words;
}

/**
 * A phone as read from a sheet. Excel turns a typed "0243 942 1234" into the number 2439421234,
 * dropping the leading 0; a 9- or 10-digit number that starts with neither 0 nor 1 (short codes
 * and 1800/1900 lines) gets it back.
 */
function phoneOf(text: string): string {
  return /^[2-9]\d{8,9}$/.test(text) ? `0${text}` : text;
}

/** The stable id of a row that has none: its area and folded name ("ha-noi/to-phong-chong-bao-luc"). */
function idOf(areaCode: string, name: string): string {
  return `${areaCode}/${foldText(name).replace(/ /g, '-')}`.slice(0, 120);
}

/**
 * Imports directory entries from a CSV or XLSX file (every sheet). An admin's list: the entries
 * become admin-managed, so seeds leave them alone. Kind and offers by code or by their name in
 * Vietnamese or English; the area by catalog code, by name (narrowed by a province column when
 * names repeat), or "toàn quốc" for national numbers; all with or without diacritics. A row
 * without an id gets one from its area and name, so importing the same file again changes nothing.
 * Every non-empty row gets a result, rejected ones with the reason.
 * @param onRow - progress callback (for the terminal's progress bar).
 */
export async function importDirectory(
  file: string,
  deps: { directory: DirectoryEntries; areas: AreaCatalog; texts: Texts; onRow?: (done: number, total: number) => void },
): Promise<ImportRowResult[]> {
  const kinds = wordsFor(deps.texts, ENTRY_KINDS, 'kind');
  const offers = wordsFor(deps.texts, ENTRY_OFFERS, 'offer');
  const seen = new Set<string>();

  const areaOf = (row: Record<string, string>): string | undefined => {
    const text = column(row, 'area');
    if (deps.areas.get(text) || text === NATIONAL_AREA) return text;
    if (NATIONAL_NAMES.includes(foldText(text))) return NATIONAL_AREA;
    const provinceText = column(row, 'province');
    const province = provinceText ? (deps.areas.get(provinceText) ?? deps.areas.search(provinceText)) : undefined;
    if (provinceText && province?.level !== 'province') return undefined;
    if (!text) return province?.code;
    return deps.areas.search(text, province?.code)?.code;
  };

  const entryOf = (row: Record<string, string>): DirectoryEntryInput | string => {
    const name = column(row, 'nameVi');
    if (!name) return 'name: missing';
    const kind = kinds.get(foldText(column(row, 'kind')));
    if (!kind) return `kind: unknown "${column(row, 'kind')}" (expected one of ${ENTRY_KINDS.join(', ')})`;
    const areaCode = areaOf(row);
    if (!areaCode) return `area: unknown area code or name "${[column(row, 'area'), column(row, 'province')].filter(Boolean).join(', ')}"`;
    // ";" or a new line between offers; "," too, except inside a label that has one ("lắng nghe, tư vấn").
    const offerWords = column(row, 'offers')
      .split(/[;\n]/)
      .flatMap((part) => (offers.has(foldText(part)) ? [part] : part.split(',')))
      .map((word) => word.trim())
      .filter(Boolean);
    const unknownOffer = offerWords.find((word) => !offers.has(foldText(word)));
    if (unknownOffer !== undefined) return `offers: unknown "${unknownOffer}" (expected ${ENTRY_OFFERS.join(', ')})`;
    const parsed = directoryEntryInputSchema.safeParse({
      id: column(row, 'id').toLowerCase() || idOf(areaCode, name),
      kind,
      areaCode,
      name: { vi: name, en: column(row, 'nameEn') },
      phone: phoneOf(column(row, 'phone')),
      hours: { vi: column(row, 'hoursVi'), en: column(row, 'hoursEn') },
      address: column(row, 'address'),
      offers: [...new Set(offerWords.map((word) => offers.get(foldText(word))))],
    });
    if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    return parsed.data;
  };

  return importRows(
    await readSheets(file),
    async (row): Promise<RowOutcome> => {
      const entry = entryOf(row);
      if (typeof entry === 'string') return { rejected: entry };
      // Two rows of one id would overwrite each other, and a re-import would never be unchanged.
      if (seen.has(entry.id)) return { rejected: `id: ${entry.id} is already on an earlier row` };
      seen.add(entry.id);
      const outcome = await deps.directory.upsert(entry, 'admin');
      // `kept` is a seed's answer only; an admin's upsert always writes or finds it unchanged.
      return outcome === 'kept' ? 'unchanged' : outcome;
    },
    deps.onRow,
  );
}
