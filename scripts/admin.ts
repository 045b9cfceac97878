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
import { clubFromRow, importClubs } from '../src/reminders/importClubs.js';
import { formatLocalDate, formatTimeOfDay, localInstant, parseLocalDate, parseTimeOfDay, toLocal } from '../src/reminders/localTime.js';
import { meetingStats, meetingStatsCsv } from '../src/reminders/meetingStats.js';
import { openDatabase, type Database } from '../src/store/Database.js';
import { applyMigrations } from '../src/store/migrations.js';
import path from 'node:path';
import readline from 'node:readline';
import { CounselorAccounts, DuplicateAccountError } from '../src/inbox/CounselorAccounts.js';
import { recordMeetingAttendance } from '../src/reminders/recordMeetingAttendance.js';
import { RetentionJob } from '../src/retention/RetentionJob.js';

interface AdminContext {
  readonly config: Config;
  readonly db: Database;
  readonly clubs: Clubs;
}

interface AdminCommand {
  readonly usage: string;
  run(args: string[], context: AdminContext): Promise<void>;
}

function options(args: string[], names: readonly string[]): Record<string, string | undefined> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])) });
  return { ...(values as Record<string, string | undefined>), _: positionals.join(' ') };
}

async function clubOrFail(context: AdminContext, code: string | undefined) {
  const club = code ? await context.clubs.findByCode(code) : undefined;
  if (!club) throw new Error(`no club with code ${code ?? '(missing --club)'}`);
  return club;
}

const CLUB_FIELDS = ['code', 'name', 'province', 'district', 'commune', 'village', 'day_of_month', 'week_of_month', 'weekday', 'every_months', 'anchor_month', 'time', 'place', 'organiser_contact', 'active'] as const;

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
      const values = options(args, CLUB_FIELDS);
      const club = clubFromRow(Object.fromEntries(CLUB_FIELDS.map((field) => [field.replace(/_/g, ' '), values[field] ?? ''])));
      if (typeof club === 'string') throw new Error(club);
      console.log(`${club.code}: ${await context.clubs.upsert(club)}`);
    },
  },
  'club:list': {
    usage: 'club:list',
    async run(_args, context) {
      const now = new Date();
      for (const club of await context.clubs.list()) {
        const next = await context.clubs.nextMeeting(club, now);
        const when = next ? `${formatLocalDate(toLocal(next.startsAt).date)} ${formatTimeOfDay(toLocal(next.startsAt).minutes)}` : '-';
        console.log([club.code, club.name, [club.village, club.commune, club.district, club.province].filter(Boolean).join(', '), club.active ? 'active' : 'inactive', `next ${when}`].join('\t'));
      }
    },
  },
  'meeting:move': {
    usage: 'meeting:move --club HN01 --date 2026-12-15 --to 2026-12-17 [--time 08:00] [--place "UBND xã"]',
    async run(args, context) {
      const values = options(args, ['club', 'date', 'to', 'time', 'place']);
      const club = await clubOrFail(context, values.club);
      const date = parseLocalDate(values.date ?? '');
      const to = parseLocalDate(values.to ?? values.date ?? '');
      const time = values.time ? parseTimeOfDay(values.time) : club.rule.time;
      if (!date || !to || time === undefined) throw new Error('--date and --to as YYYY-MM-DD, --time as HH:MM');
      const id = await context.clubs.changeMeeting(club, formatLocalDate(date), { status: 'moved', startsAt: localInstant(to, time), place: values.place });
      console.log(id === undefined ? `${club.code} has no meeting on ${formatLocalDate(date)}` : `meeting ${id} moved`);
    },
  },
  'meeting:cancel': {
    usage: 'meeting:cancel --club HN01 --date 2026-12-15',
    async run(args, context) {
      const values = options(args, ['club', 'date']);
      const club = await clubOrFail(context, values.club);
      const date = parseLocalDate(values.date ?? '');
      if (!date) throw new Error('--date as YYYY-MM-DD');
      const id = await context.clubs.changeMeeting(club, formatLocalDate(date), { status: 'cancelled' });
      console.log(id === undefined ? `${club.code} has no meeting on ${formatLocalDate(date)}` : `meeting ${id} cancelled`);
    },
  },
  'meeting:topic': {
    usage: 'meeting:topic --club HN01 --date 2026-12-15 --topic "Chia sẻ việc nhà"',
    async run(args, context) {
      const values = options(args, ['club', 'date', 'topic']);
      const club = await clubOrFail(context, values.club);
      const date = parseLocalDate(values.date ?? '');
      if (!date || !values.topic) throw new Error('--date as YYYY-MM-DD and --topic');
      const id = await context.clubs.changeMeeting(club, formatLocalDate(date), { topic: values.topic });
      console.log(id === undefined ? `${club.code} has no meeting on ${formatLocalDate(date)}` : `meeting ${id}: topic set`);
    },
  },
  'meeting:attendance': {
    usage: 'meeting:attendance --club HN01 --date 2026-12-15 --count 23   (--count none clears it)',
    async run(args, context) {
      const values = options(args, ['club', 'date', 'count']);
      const club = await clubOrFail(context, values.club);
      const date = parseLocalDate(values.date ?? '');
      const count = values.count === 'none' ? null : Number(values.count);
      if (!date || (count !== null && !(Number.isInteger(count) && count >= 0))) throw new Error('--date as YYYY-MM-DD and --count as a whole number (or none)');
      const [meeting] = await context.db.sql.query<{ id: number }>('SELECT id FROM meeting WHERE club_id = $1 AND rule_date = $2', [club.id, formatLocalDate(date)]);
      if (!meeting) throw new Error(`${club.code} has no meeting on ${formatLocalDate(date)}`);
      await recordMeetingAttendance(context.db.sql, meeting.id, count);
      console.log(`meeting ${meeting.id}: attendance ${count ?? 'cleared'}`);
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
      const found = await context.clubs.meetingById(Number(values._));
      if (!found) throw new Error('no such meeting');
      const stats = await meetingStats(context.db.sql, Number(values._));
      const local = toLocal(found.meeting.startsAt);
      const csv = meetingStatsCsv(stats, { clubCode: found.club.code, clubName: found.club.name, startsAtLocal: `${formatLocalDate(local.date)} ${formatTimeOfDay(local.minutes)}` });
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
    await command.run(args, { config, db, clubs: new Clubs(db.sql, secretBox) });
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`admin: ${(error as Error).message}`);
  process.exit(1);
});
