import fs from 'node:fs';
import path from 'node:path';
import { ENTRY_KINDS, ENTRY_OFFERS } from '../../src/directory/DirectoryEntries.js';
import { projectPath } from '../../src/projectRoot.js';

const dir = projectPath('content', 'locales');

/** Every key path of a namespace file, plural forms reduced to their base key. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('content/locales', () => {
  const namespaces = fs.readdirSync(path.join(dir, 'vi')).filter((file) => file.endsWith('.json'));

  it('has the same namespaces in Vietnamese and English', () => {
    expect(fs.readdirSync(path.join(dir, 'en')).filter((file) => file.endsWith('.json')).sort()).toEqual([...namespaces].sort());
  });

  // Vietnamese is the fallback language, so an English gap would show Vietnamese; the other way
  // round a sentence only English needs (legal's "the article is in Vietnamese") is fine.
  it.each(namespaces)('%s: every Vietnamese sentence has its English one', (file) => {
    const read = (locale: string) => new Set(keys(JSON.parse(fs.readFileSync(path.join(dir, locale, file), 'utf8'))));
    const english = read('en');
    expect([...read('vi')].filter((key) => !english.has(key))).toEqual([]);
  });
});

describe('content/locales/*/directory.json', () => {
  // The directory admin page lists its kinds and offers from these labels, in this order.
  it.each(['vi', 'en'])('%s labels exactly the kinds and offers the directory accepts, in their order', (lang) => {
    const labels = JSON.parse(fs.readFileSync(path.join(dir, lang, 'directory.json'), 'utf8')) as { kind: object; offer: object };
    expect([Object.keys(labels.kind), Object.keys(labels.offer)]).toEqual([[...ENTRY_KINDS], [...ENTRY_OFFERS]]);
  });
});
