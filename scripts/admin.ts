/**
 * `npm run admin -- <command> [options]`: administration from the server's shell, on the database
 * the service uses (DATABASE_URL, or the embedded PGlite in DATA_DIR). Commands register below.
 *
 *   npm run admin -- counselor:add --username lan --name "Nguyễn Thị Lan" --areas 79.26734
 *   npm run admin -- counselor:add --username hoa --name "Trần Hoa" --role supervisor --province 79
 *
 * The password is read from standard input (typed without echo, or piped), never from the command
 * line, where other users and the shell history would see it.
 */
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { CounselorAccounts, DuplicateAccountError } from '../src/inbox/CounselorAccounts.js';
import { openDatabase, type Database } from '../src/store/Database.js';
import { applyMigrations } from '../src/store/migrations.js';

/** One admin subcommand. */
interface AdminCommand {
  readonly summary: string;
  run(args: string[], db: Database): Promise<void>;
}

const commands = new Map<string, AdminCommand>();

/** Reads one line from stdin: muted when a person types it, plain when piped. */
async function readSecret(prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write(prompt);
    // Swallow the echo of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  }
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write('\n');
  return line;
}

commands.set('counselor:add', {
  summary: 'create an inbox account: --username --name [--role counselor|supervisor|admin] [--areas a,b] [--province p]',
  async run(args, db) {
    const { values } = parseArgs({
      args,
      options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, areas: { type: 'string' }, province: { type: 'string' } },
    });
    const password = await readSecret('Password (at least 10 characters): ');
    try {
      const created = await new CounselorAccounts(db.sql).create({
        username: values.username ?? '',
        displayName: values.name ?? values.username ?? '',
        password,
        role: (values.role ?? 'counselor') as 'counselor',
        areaCodes: (values.areas ?? '').split(',').map((code) => code.trim()).filter(Boolean),
        province: values.province,
      });
      console.log(`Created ${created.role} ${created.username} (${created.id}).`);
    } catch (error) {
      if (error instanceof DuplicateAccountError) throw new Error(error.message);
      if (error instanceof Error && error.name === 'ZodError') {
        const issues = (error as unknown as { issues: { path: PropertyKey[]; message: string }[] }).issues;
        throw new Error(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      }
      throw error;
    }
  },
});

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands.get(name) : undefined;
  if (!command) {
    console.error('Usage: npm run admin -- <command> [options]\n');
    for (const [commandName, { summary }] of commands) console.error(`  ${commandName}  ${summary}`);
    process.exit(2);
  }
  const config = loadConfig();
  const db = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL, poolSize: 2 } : { pgliteDir: path.join(config.dataDir, 'pglite') });
  try {
    await applyMigrations(db.sql);
    await command.run(args, db);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
