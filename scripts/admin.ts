/**
 * `npm run admin -- <command> [options]`: administration from the server's shell, on the database
 * the service uses (DATABASE_URL, or the embedded PGlite in DATA_DIR). Each command is one entry of
 * COMMANDS (name, usage, run).
 *
 *   npm run admin -- counselor:add --username lan --name "Nguyễn Thị Lan" --areas 79.26734
 *   npm run admin -- club:add --code HN01 ...
 *
 * Passwords are read from standard input (typed without echo, or piped), never from the command
 * line, where other users and the shell history would see them.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AreaCatalog } from '../src/areas/AreaCatalog.js';
import { loadConfig, type Config } from '../src/config.js';
import { DirectoryEntries } from '../src/directory/DirectoryEntries.js';
import { importDirectory } from '../src/directory/importDirectory.js';
import { createTexts } from '../src/i18n.js';
import { runImportCommand } from '../src/import/runImportCommand.js';
import { loadSecretBox } from '../src/crypto/loadSecretBox.js';
import { createLogger } from '../src/logger.js';
import { Clubs } from '../src/reminders/Clubs.js';
import { ClubAdmin, CLUB_FIELDS } from '../src/reminders/ClubAdmin.js';
import { importClubs } from '../src/reminders/importClubs.js';
import { MeetingChanges } from '../src/reminders/MeetingChanges.js';
import { openDatabase, type Database } from '../src/store/Database.js';
import { applyMigrations } from '../src/store/migrations.js';
import path from 'node:path';
import readline from 'node:readline';
import { CounselorAccounts, DuplicateAccountError } from '../src/inbox/CounselorAccounts.js';
import { RetentionJob } from '../src/retention/RetentionJob.js';

interface AdminContext {
  readonly config: Config;
  readonly db: Database;
  readonly clubs: Clubs;
  readonly admin: ClubAdmin;
}

interface AdminCommand {
  readonly usage: string;
  run(args: string[], context: AdminContext): Promise<void>;
}

function options(args: string[], names: readonly string[]): Record<string, string | undefined> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])) });
  return { ...(values as Record<string, string | undefined>), _: positionals.join(' ') };
}

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

const COMMANDS: Record<string, AdminCommand> = {
  'counselor:add': {
    usage: 'counselor:add --username lan --name "Nguyễn Thị Lan" [--role counselor|supervisor|admin] [--areas 79.26734,79.26737] [--province 79]   (password on stdin)',
    async run(args, context) {
      const values = options(args, ['username', 'name', 'role', 'areas', 'province']);
      const password = await readSecret('Password (at least 10 characters): ');
      try {
        const created = await new CounselorAccounts(context.db.sql).create({
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
  },
  'club:add': {
    usage: `club:add --code HN01 --name "CLB Thôn Đông" (--day_of_month 15 | --week_of_month 2|last --weekday sat) --time 19:30 --place "Nhà văn hoá" [--every_months 2 --anchor_month 2026-01] [--province … --district … --commune … --village … --organiser_contact …]`,
    async run(args, context) {
      const { code, outcome } = await context.admin.addClub(options(args, CLUB_FIELDS));
      console.log(`${code}: ${outcome}`);
    },
  },
  'club:list': {
    usage: 'club:list',
    async run(_args, context) {
      console.log(['code', 'name', 'place', 'active', 'next', 'subscribers', 'members', 'sent', 'delivered', 'window_closed', 'failed', 'rsvp_yes', 'rsvp_no'].join('\t'));
      for (const o of await context.admin.listClubs(new Date())) {
        const { club } = o;
        const where = [club.village, club.commune, club.district, club.province].filter(Boolean).join(', ');
        const figures = [o.subscribers, o.members, o.remindersSent, o.remindersDelivered, o.remindersWindowClosed, o.remindersFailed, o.rsvpYes, o.rsvpNo];
        console.log([club.code, club.name, where, club.active ? 'active' : 'inactive', o.nextMeeting ?? '-', ...figures].join('\t'));
      }
    },
  },
  'meeting:move': {
    usage: 'meeting:move --club HN01 --date 2026-12-15 --to 2026-12-17 [--time 08:00] [--place "UBND xã"]   (subscribers get a notice)',
    async run(args, context) {
      const result = await context.admin.moveMeeting(options(args, ['club', 'date', 'to', 'time', 'place']));
      console.log(`meeting ${result.meetingId} moved; ${result.withdrawn} waiting reminders re-planned; subscribers will be told`);
    },
  },
  'meeting:cancel': {
    usage: 'meeting:cancel --club HN01 --date 2026-12-15   (subscribers get a notice)',
    async run(args, context) {
      const result = await context.admin.cancelMeeting(options(args, ['club', 'date']));
      console.log(result.changeId ? `meeting ${result.meetingId} cancelled; ${result.withdrawn} waiting reminders withdrawn; subscribers will be told` : `meeting ${result.meetingId} was already cancelled`);
    },
  },
  'meeting:topic': {
    usage: 'meeting:topic --club HN01 --date 2026-12-15 --topic "Chia sẻ việc nhà"',
    async run(args, context) {
      console.log(`meeting ${await context.admin.setTopic(options(args, ['club', 'date', 'topic']))}: topic set`);
    },
  },
  'meeting:attendance': {
    usage: 'meeting:attendance --club HN01 --date 2026-12-15 --count 23   (--date: the day the rule gives; --count none clears it)',
    async run(args, context) {
      const { meetingId, attendance } = await context.admin.recordAttendance(options(args, ['club', 'date', 'count']));
      console.log(`meeting ${meetingId}: attendance ${attendance ?? 'cleared'}`);
    },
  },
  'retention:run': {
    usage: 'retention:run   (deletes what is older than RETENTION_DAYS / REPORT_RETENTION_DAYS now)',
    async run(_args, context) {
      const removed = await new RetentionJob(context.db.sql, { days: context.config.RETENTION_DAYS, reportDays: context.config.REPORT_RETENTION_DAYS }).run();
      if (!removed) throw new Error('another instance is running the retention job; try again later');
      console.log(Object.entries(removed).map(([kind, count]) => `${kind}\t${count}`).join('\n'));
    },
  },
  import: {
    usage: 'import <clubs.csv|clubs.xlsx> [--report report.csv]',
    async run(args, context) {
      const values = options(args, ['report']);
      await runImportCommand(values._, values.report, (file, onRow) => importClubs(file, { clubs: context.clubs, sql: context.db.sql, onRow }));
    },
  },
  'directory:import': {
    usage: 'directory:import <directory.csv|directory.xlsx> [--report report.csv]   (columns: id, kind, area, province, name, name_en, phone, hours, hours_en, address, offers; Vietnamese headers too)',
    async run(args, context) {
      const values = options(args, ['report']);
      const areas = AreaCatalog.load();
      const directory = new DirectoryEntries(context.db.sql, areas, { includeSamples: false });
      const texts = await createTexts();
      await runImportCommand(values._, values.report, (file, onRow) => importDirectory(file, { directory, areas, texts, onRow }));
    },
  },
  stats: {
    usage: 'stats <meeting id> [--csv out.csv]',
    async run(args, context) {
      const values = options(args, ['csv']);
      const { csv } = await context.admin.meetingFigures(Number(values._));
      if (values.csv) fs.writeFileSync(values.csv, csv);
      console.log(csv);
    },
  },
};

async function main(): Promise<void> {
  const [name = '', ...args] = process.argv.slice(2);
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Usage: npm run admin -- <command>\n${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n')}`);
    process.exit(2);
  }
  const config = loadConfig();
  const db = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { pgliteDir: path.join(config.dataDir, 'pglite') });
  try {
    await applyMigrations(db.sql);
    const secretBox = loadSecretBox({ encryptionKey: config.DATA_ENCRYPTION_KEY, pseudonymKey: config.DATA_PSEUDONYM_KEY, dataDir: config.dataDir, logger: createLogger('warn') });
    const clubs = new Clubs(db.sql, secretBox);
    await command.run(args, { config, db, clubs, admin: new ClubAdmin({ sql: db.sql, clubs, changes: new MeetingChanges(db.sql, clubs) }) });
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`admin: ${(error as Error).message}`);
  process.exit(1);
});
