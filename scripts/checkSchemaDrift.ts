/**
 * `npm run db:check`: exits 1 and prints the missing SQL when prisma/schema.prisma and the
 * committed migrations disagree. Run by the test suite in its own process, because the schema
 * engine is an ES module with WebAssembly that jest's CommonJS sandbox cannot load.
 */
import { diffMigrationsToSchema } from './schemaDiff.js';

diffMigrationsToSchema().then(
  (script) => {
    if (script) {
      process.stdout.write(`${script}\n`);
      process.exit(1);
    }
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
