import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectPath } from '../projectRoot.js';
import { directoryEntryInputSchema, type DirectoryEntries } from './DirectoryEntries.js';

const seedFileSchema = z.object({ entries: z.array(directoryEntryInputSchema) });

/**
 * Brings the directory in line with `content/directory/*.json` on start-up: new entries are added,
 * entries still managed by the seed follow the file, and entries an admin edited, imported or
 * removed are left as the admin left them. Running it twice changes nothing.
 * @returns how many entries were added and updated.
 */
export async function seedDirectory(directory: DirectoryEntries, dir: string = projectPath('content', 'directory')): Promise<{ created: number; updated: number }> {
  const counts = { created: 0, updated: 0 };
  const seen = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const { entries } = seedFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    for (const entry of entries) {
      if (seen.has(entry.id)) throw new Error(`${file}: directory entry ${entry.id} listed twice`);
      seen.add(entry.id);
      const outcome = await directory.upsert(entry, 'seed');
      if (outcome === 'created' || outcome === 'updated') counts[outcome] += 1;
    }
  }
  return counts;
}
