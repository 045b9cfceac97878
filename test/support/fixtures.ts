import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../../src/projectRoot.js';

/** Every fixture of a channel, by file name. */
export function loadFixtures(channel: string): Record<string, unknown> {
  const dir = projectPath('test', 'fixtures', channel);
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => [path.basename(name, '.json'), JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as unknown]),
  );
}

/** One fixture's exact file text (signatures are over bytes). */
export function fixtureText(channel: string, name: string): string {
  return fs.readFileSync(projectPath('test', 'fixtures', channel, `${name}.json`), 'utf8');
}

/**
 * A fixture with its platform timestamps moved to now, keeping their spacing: recorded payloads
 * are old, and an old timestamp is (rightly) outside the platforms' messaging windows.
 * @param keys - the numeric fields that hold epoch milliseconds.
 */
export function freshFixture(channel: string, name: string, keys: readonly string[] = ['timestamp', 'time']): string {
  const body = JSON.parse(fixtureText(channel, name)) as unknown;
  let latest = 0;
  const visit = (node: unknown, apply: (value: number) => number): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item, apply));
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, keys.includes(key) && typeof value === 'number' ? apply(value) : visit(value, apply)]),
      );
    }
    return node;
  };
  visit(body, (value) => ((latest = Math.max(latest, value)), value));
  const shift = Date.now() - latest;
  return JSON.stringify(visit(body, (value) => value + shift));
}
