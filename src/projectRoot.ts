import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + start);
    dir = parent;
  }
  return dir;
}

/**
 * The folder holding package.json, `content/` and `prisma/`. Found by walking up, so the same code
 * works from `src/` under jest and from `dist/src/` after a build.
 */
export const PROJECT_ROOT = findRoot(__dirname);

/** A path inside the project. */
export function projectPath(...segments: string[]): string {
  return path.join(PROJECT_ROOT, ...segments);
}
