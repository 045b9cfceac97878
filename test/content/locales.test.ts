import fs from 'node:fs';
import path from 'node:path';
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

  it.each(namespaces)('%s has the same keys in both languages', (file) => {
    const read = (locale: string) => [...new Set(keys(JSON.parse(fs.readFileSync(path.join(dir, locale, file), 'utf8'))))].sort();
    expect(read('en')).toEqual(read('vi'));
  });
});
