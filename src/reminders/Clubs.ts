import type { SecretBox } from '../crypto/SecretBox.js';
import type { SqlExecutor } from '../store/Database.js';
import { foldText } from '../text/foldText.js';
import { formatLocalDate, formatTimeOfDay, parseTimeOfDay, toLocal } from './localTime.js';
import { meetingsBetween, type MeetingDayRule, type MeetingOverride, type MeetingRule, type ScheduledMeeting } from './meetingSchedule.js';

/** A club as organisers describe it (admin CLI, import). */
export interface ClubInput {
  readonly code: string;
  readonly name: string;
  readonly province: string;
  readonly district: string;
  readonly commune: string;
  readonly village: string;
  readonly rule: MeetingRule;
  readonly organiserContact?: string;
  readonly active: boolean;
}

/** A stored club. */
export interface Club extends Omit<ClubInput, 'organiserContact'> {
  readonly id: number;
}

/** A meeting with its stored row id (undefined for a meeting only the rule knows of yet). */
export interface ClubMeeting extends ScheduledMeeting {
  readonly id?: number;
  readonly topic?: string;
}

interface ClubRow {
  [column: string]: unknown;
  id: number;
  code: string;
  name: string;
  province: string;
  district: string;
  commune: string;
  village: string;
  day_of_month: number | null;
  week_of_month: number | null;
  weekday: number | null;
  every_months: number;
  anchor_month: string;
  meeting_time: string;
  place: string;
  organiser_contact: string | null;
  active: boolean;
}

interface MeetingRow {
  [column: string]: unknown;
  id: number;
  club_id: number;
  rule_date: string;
  starts_at: Date;
  place: string;
  topic: string | null;
  status: 'scheduled' | 'moved' | 'cancelled';
}

/** How a club code is stored and matched: no diacritics, no spaces, upper case ("hn 01" → "HN01"). */
export function normaliseClubCode(text: string): string {
  return foldText(text).replace(/ /g, '').toUpperCase();
}

function ruleOf(row: ClubRow): MeetingRule {
  const day: MeetingDayRule =
    row.day_of_month !== null
      ? { kind: 'dayOfMonth', day: row.day_of_month }
      : { kind: 'nthWeekday', nth: (row.week_of_month ?? 1) as 1 | 2 | 3 | 4 | -1, weekday: row.weekday ?? 0 };
  return { day, everyMonths: row.every_months, anchorMonth: row.anchor_month, time: parseTimeOfDay(row.meeting_time) ?? 0, place: row.place };
}

function clubOf(row: ClubRow): Club {
  const { id, code, name, province, district, commune, village, active } = row;
  return { id, code, name, province, district, commune, village, active, rule: ruleOf(row) };
}

function ruleColumns(rule: MeetingRule): unknown[] {
  const { day } = rule;
  return [
    day.kind === 'dayOfMonth' ? day.day : null,
    day.kind === 'nthWeekday' ? day.nth : null,
    day.kind === 'nthWeekday' ? day.weekday : null,
    rule.everyMonths,
    rule.anchorMonth,
    formatTimeOfDay(rule.time),
    rule.place,
  ];
}

function meetingOf(row: MeetingRow): ClubMeeting & MeetingOverride {
  return { id: row.id, ruleDate: row.rule_date, startsAt: row.starts_at, place: row.place, status: row.status, topic: row.topic ?? undefined };
}

/** The meeting the club's rule puts on `ruleDate` ("YYYY-MM-DD"), as the rule alone gives it. */
function ruleMeetingOn(club: Club, ruleDate: string): ScheduledMeeting | undefined {
  const [year, month] = ruleDate.split('-').map(Number);
  return meetingsBetween(club.rule, [], new Date(Date.UTC(year ?? 0, (month ?? 1) - 2, 1)), new Date(Date.UTC(year ?? 0, (month ?? 1) + 1, 1))).find((meeting) => meeting.ruleDate === ruleDate);
}

/** A club's meetings starting within [from, to] from its stored rows: one-off changes applied, cancelled ones included. */
function meetingsOf(club: Club, rows: readonly MeetingRow[], from: Date, to: Date): ClubMeeting[] {
  const stored = new Map(rows.map((row) => [row.rule_date, meetingOf(row)]));
  return meetingsBetween(club.rule, [...stored.values()], from, to).map((meeting) => stored.get(meeting.ruleDate) ?? meeting);
}

/** Clubs, their rules and their meetings (with the organisers' one-off changes). */
export class Clubs {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly secretBox: SecretBox,
  ) {}

  /**
   * Creates or updates a club by its code; a club that already says the same is left untouched, so
   * importing the same list twice changes nothing.
   */
  async upsert(input: ClubInput): Promise<'created' | 'updated' | 'unchanged'> {
    const code = normaliseClubCode(input.code);
    const existing = (await this.sql.query<ClubRow>('SELECT * FROM club WHERE code = $1', [code]))[0];
    const values = [input.name, input.province, input.district, input.commune, input.village, ...ruleColumns(input.rule), input.active];
    const contact = (id: number | string) => (input.organiserContact ? this.secretBox.seal(input.organiserContact, `club.organiser_contact:${id}`) : null);
    if (!existing) {
      await this.sql.query(
        `INSERT INTO club (name, province, district, commune, village, day_of_month, week_of_month, weekday, every_months,
                           anchor_month, meeting_time, place, active, code, organiser_contact)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [...values, code, contact(code)],
      );
      return 'created';
    }
    const stored = [existing.name, existing.province, existing.district, existing.commune, existing.village, ...ruleColumns(ruleOf(existing)), existing.active];
    const storedContact = existing.organiser_contact === null ? undefined : this.secretBox.open(existing.organiser_contact, `club.organiser_contact:${code}`);
    if (JSON.stringify(stored) === JSON.stringify(values) && storedContact === (input.organiserContact || undefined)) return 'unchanged';
    await this.sql.query(
      `UPDATE club SET name = $1, province = $2, district = $3, commune = $4, village = $5, day_of_month = $6, week_of_month = $7,
         weekday = $8, every_months = $9, anchor_month = $10, meeting_time = $11, place = $12, active = $13,
         organiser_contact = $15, updated_at = now()
       WHERE code = $14`,
      [...values, code, contact(code)],
    );
    return 'updated';
  }

  /** All clubs, by code. */
  async list(): Promise<Club[]> {
    return (await this.sql.query<ClubRow>('SELECT * FROM club ORDER BY code')).map(clubOf);
  }

  /** The club with this code, however it was typed ("hn 01", "Hn01"). */
  async findByCode(text: string): Promise<Club | undefined> {
    const row = (await this.sql.query<ClubRow>('SELECT * FROM club WHERE code = $1', [normaliseClubCode(text)]))[0];
    return row && clubOf(row);
  }

  /** Clubs by id (for a person's subscriptions). */
  async byIds(ids: readonly number[]): Promise<Club[]> {
    if (ids.length === 0) return [];
    return (await this.sql.query<ClubRow>('SELECT * FROM club WHERE id = ANY($1::int[]) ORDER BY name', [ids])).map(clubOf);
  }

  /** The club's meetings starting within [from, to], one-off changes applied, cancelled ones included. */
  async meetings(club: Club, from: Date, to: Date): Promise<ClubMeeting[]> {
    return meetingsOf(club, await this.meetingRows([club.id], from), from, to);
  }

  /** The next meeting that will take place, within `withinDays`. */
  async nextMeeting(club: Club, now: Date, withinDays = 70): Promise<ClubMeeting | undefined> {
    return (await this.nextMeetings([club], now, withinDays)).get(club.id);
  }

  /** {@link nextMeeting} of each club (by id), with one query for all of them. */
  async nextMeetings(clubs: readonly Club[], now: Date, withinDays = 70): Promise<Map<number, ClubMeeting | undefined>> {
    const rows = await this.meetingRows(clubs.map((club) => club.id), now);
    const until = new Date(now.getTime() + withinDays * 86_400_000);
    const byClub = new Map<number, MeetingRow[]>();
    for (const row of rows) (byClub.get(row.club_id) ?? byClub.set(row.club_id, []).get(row.club_id)!).push(row);
    return new Map(clubs.map((club) => [club.id, meetingsOf(club, byClub.get(club.id) ?? [], now, until).find((meeting) => meeting.status !== 'cancelled')]));
  }

  /**
   * The stored meetings of clubs that can change what a window starting at `from` shows, not the
   * clubs' whole history: meetings starting then or later, and those of the rule dates
   * `meetingsBetween` visits (from the month before `from`'s; 62 days back covers it), whose change
   * may have moved a meeting out of the window.
   */
  private async meetingRows(clubIds: readonly number[], from: Date): Promise<MeetingRow[]> {
    const firstRuleDate = formatLocalDate(toLocal(new Date(from.getTime() - 62 * 86_400_000)).date);
    return this.sql.query<MeetingRow>('SELECT * FROM meeting WHERE club_id = ANY($1::int[]) AND (starts_at >= $2 OR rule_date >= $3)', [clubIds, from, firstRuleDate]);
  }

  /**
   * Stores a row for every meeting of an active club starting within [now, now + horizon], so
   * reminders have a meeting to refer to. Existing rows (and their changes) are kept.
   * @returns how many rows were new.
   */
  async ensureMeetings(now: Date, horizonMs: number): Promise<number> {
    const until = new Date(now.getTime() + horizonMs);
    const clubs = (await this.sql.query<ClubRow>('SELECT * FROM club WHERE active')).map(clubOf);
    return this.storeOccurrences(clubs.flatMap((club) => meetingsBetween(club.rule, [], now, until).map((meeting) => ({ clubId: club.id, meeting }))));
  }

  /**
   * The id of the meeting the club's rule puts on `ruleDate`, storing its row first, as
   * {@link ensureMeetings} does, when it has none: a past meeting that no reminder was sent for
   * (the club was imported later, or reminders were off) still gets its attendance recorded.
   * @returns undefined when the rule has no meeting on that date and none is stored.
   */
  async meetingIdOn(club: Club, ruleDate: string): Promise<number | undefined> {
    const occurrence = ruleMeetingOn(club, ruleDate);
    if (occurrence) await this.storeOccurrences([{ clubId: club.id, meeting: occurrence }]);
    const [row] = await this.sql.query<{ id: number }>('SELECT id FROM meeting WHERE club_id = $1 AND rule_date = $2', [club.id, ruleDate]);
    return row?.id;
  }

  /** Inserts the rows of meetings as the rule gives them, keeping rows that exist; returns how many were new. */
  private async storeOccurrences(occurrences: readonly { clubId: number; meeting: ScheduledMeeting }[]): Promise<number> {
    if (occurrences.length === 0) return 0;
    const rows = await this.sql.query(
      `INSERT INTO meeting (club_id, rule_date, starts_at, place)
       SELECT * FROM unnest($1::int[], $2::text[], $3::timestamp[], $4::text[])
       ON CONFLICT (club_id, rule_date) DO NOTHING RETURNING id`,
      [occurrences.map((o) => o.clubId), occurrences.map((o) => o.meeting.ruleDate), occurrences.map((o) => o.meeting.startsAt), occurrences.map((o) => o.meeting.place)],
    );
    return rows.length;
  }

  /**
   * Applies a one-off change to the meeting the rule puts on `ruleDate` (moved: new start and
   * place; cancelled; a topic), creating its row when it has none yet.
   * @param current - the meeting as {@link meetingOn} gives it, when the caller has just read it.
   * @returns the meeting id, or undefined when the club has no meeting on that date.
   */
  async changeMeeting(
    club: Club,
    ruleDate: string,
    change: { status?: 'moved' | 'cancelled'; startsAt?: Date; place?: string; topic?: string },
    tx: SqlExecutor = this.sql,
    current?: ClubMeeting & MeetingOverride,
  ): Promise<number | undefined> {
    const base = current ?? (await this.meetingOn(club, ruleDate, tx));
    if (!base) return undefined;
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO meeting (club_id, rule_date, starts_at, place, status, topic) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (club_id, rule_date) DO UPDATE SET starts_at = EXCLUDED.starts_at, place = EXCLUDED.place,
         status = EXCLUDED.status, topic = EXCLUDED.topic
       RETURNING id`,
      [club.id, ruleDate, change.startsAt ?? base.startsAt, change.place ?? base.place, change.status ?? base.status, change.topic ?? base.topic ?? null],
    );
    return rows[0]?.id;
  }

  /**
   * The meeting the rule puts on `ruleDate` as it stands: its stored row (with changes) when it has
   * one, else as the rule gives it; undefined when the club has no meeting on that date.
   * @param tx - read inside the caller's transaction (and lock the row for it).
   */
  async meetingOn(club: Club, ruleDate: string, tx: SqlExecutor = this.sql): Promise<(ClubMeeting & MeetingOverride) | undefined> {
    const stored = (await tx.query<MeetingRow>('SELECT * FROM meeting WHERE club_id = $1 AND rule_date = $2 FOR UPDATE', [club.id, ruleDate]))[0];
    if (stored) return meetingOf(stored);
    return ruleMeetingOn(club, ruleDate);
  }

  /** A stored meeting with its club, for stats and exports. */
  async meetingById(id: number): Promise<{ club: Club; meeting: ClubMeeting } | undefined> {
    const row = (await this.sql.query<MeetingRow>('SELECT * FROM meeting WHERE id = $1', [id]))[0];
    const club = row && (await this.sql.query<ClubRow>('SELECT * FROM club WHERE id = $1', [row.club_id]))[0];
    return row && club ? { club: clubOf(club), meeting: meetingOf(row) } : undefined;
  }
}
