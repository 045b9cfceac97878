/**
 * `npm run db:migration -- --name add_reports`: writes the next migration (the SQL from the
 * committed migrations to schema.prisma) into prisma/migrations/<timestamp>_<name>/migration.sql.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MIGRATIONS_DIR } from '../src/store/migrations.js';
import { diffMigrationsToSchema } from './schemaDiff.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' } } });
  const name = (values.name ?? '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  if (!name) {
    console.error('Usage: npm run db:migration -- --name <what_changed>');
    process.exit(2);
  }
  const script = await diffMigrationsToSchema();
  if (!script) {
    console.log('schema.prisma and the committed migrations agree: nothing to write.');
    return;
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), script + '\n');
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
