import { recordMeetingAttendance } from './recordMeetingAttendance.js';
import type { SqlExecutor } from '../store/Database.js';
import type { Club, Clubs } from './Clubs.js';
import { clubFromRow } from './importClubs.js';
import { formatLocalDate, formatTimeOfDay, localInstant, parseLocalDate, parseTimeOfDay, toLocal } from './localTime.js';
import type { MeetingChangeResult, MeetingChanges } from './MeetingChanges.js';
import { meetingStats, meetingStatsCsv, REMINDER_OUTCOMES, type MeetingStats } from './meetingStats.js';

/** The fields of a new (or changed) club, named as in the import and the CLI (`day_of_month`, `time`, …). */
export const CLUB_FIELDS = ['code', 'name', 'province', 'district', 'commune', 'village', 'day_of_month', 'week_of_month', 'weekday', 'every_months', 'anchor_month', 'time', 'place', 'organiser_contact', 'active'] as const;

/** Why an administration request cannot be done; `message` is for the organiser (English, as the CLI speaks). */
export class ClubAdminError extends Error {
  override readonly name = 'ClubAdminError';
  constructor(
    readonly code: 'invalid' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

/** A club with what organisers want to see at a glance. */
export interface ClubOverview {
  readonly club: Club;
  /** "YYYY-MM-DD HH:MM" local, or undefined when nothing is planned within 70 days. */
  readonly nextMeeting?: string;
  readonly subscribers: number;
  readonly members: number;
  /** Over all the club's meetings so far. */
  readonly remindersSent: number;
  readonly remindersDelivered: number;
  readonly remindersWindowClosed: number;
  readonly remindersFailed: number;
  readonly rsvpYes: number;
  readonly rsvpNo: number;
}

/** A meeting as the inbox lists it. */
export interface MeetingSummary {
  /** Undefined for a meeting only the rule knows of yet (figures come once reminders are planned). */
  readonly id?: number;
  readonly ruleDate: string;
  readonly startsAtLocal: string;
  readonly place: string;
  readonly status: 'scheduled' | 'moved' | 'cancelled';
}

/** "YYYY-MM-DD HH:MM" in Vietnam time. */
function localText(instant: Date): string {
  const local = toLocal(instant);
  return `${formatLocalDate(local.date)} ${formatTimeOfDay(local.minutes)}`;
}

/**
 * Club administration shared by the admin CLI (`npm run admin`) and the inbox's admin pages:
 * adding clubs, the list with per-club figures, moving and cancelling meetings, a meeting's
 * reminder and RSVP figures with their CSV. Inputs are text as typed; bad ones raise
 * {@link ClubAdminError}.
 */
export class ClubAdmin {
  constructor(private readonly deps: { sql: SqlExecutor; clubs: Clubs; changes: MeetingChanges }) {}

  /** Creates or updates a club from its fields (see {@link CLUB_FIELDS}). */
  async addClub(fields: Partial<Record<(typeof CLUB_FIELDS)[number], string>>): Promise<{ code: string; outcome: 'created' | 'updated' | 'unchanged' }> {
    // The import's row parser reads headers with spaces ("day of month"); the CLI's names have underscores.
    const club = clubFromRow(Object.fromEntries(CLUB_FIELDS.map((field) => [field.replace(/_/g, ' '), fields[field] ?? ''])));
    if (typeof club === 'string') throw new ClubAdminError('invalid', club);
    return { code: club.code, outcome: await this.deps.clubs.upsert(club) };
  }

  /** Every club with its next meeting and figures, by code. */
  async listClubs(now: Date): Promise<ClubOverview[]> {
    const { sql, clubs } = this.deps;
    const rows = await sql.query<{ club_id: number; subscribers: number; members: number; sent: number; delivered: number; window_closed: number; failed: number; yes: number; no: number }>(
      `SELECT c.id AS club_id,
         (SELECT count(*) FROM club_subscription s WHERE s.club_id = c.id)::int AS subscribers,
         (SELECT count(*) FROM club_member cm WHERE cm.club_id = c.id)::int AS members,
         ${REMINDER_OUTCOMES},
         (SELECT count(*) FROM meeting_rsvp v JOIN meeting vm ON vm.id = v.meeting_id WHERE vm.club_id = c.id AND v.answer = 'yes')::int AS yes,
         (SELECT count(*) FROM meeting_rsvp v JOIN meeting vm ON vm.id = v.meeting_id WHERE vm.club_id = c.id AND v.answer = 'no')::int AS no
       FROM club c LEFT JOIN meeting m ON m.club_id = c.id LEFT JOIN reminder r ON r.meeting_id = m.id
       LEFT JOIN outbox_message o ON o.dedupe_key = r.outbox_key
       GROUP BY c.id`,
    );
    const figures = new Map(rows.map((row) => [row.club_id, row]));
    const overviews: ClubOverview[] = [];
    const all = await clubs.list();
    const nextMeetings = await clubs.nextMeetings(all, now);
    for (const club of all) {
      const next = nextMeetings.get(club.id);
      const f = figures.get(club.id);
      overviews.push({
        club,
        nextMeeting: next && localText(next.startsAt),
        subscribers: f?.subscribers ?? 0,
        members: f?.members ?? 0,
        remindersSent: f?.sent ?? 0,
        remindersDelivered: f?.delivered ?? 0,
        remindersWindowClosed: f?.window_closed ?? 0,
        remindersFailed: f?.failed ?? 0,
        rsvpYes: f?.yes ?? 0,
        rsvpNo: f?.no ?? 0,
      });
    }
    return overviews;
  }

  /**
   * A club's meetings of the last year and those the rule plans within 70 days, and beyond that any
   * meeting already changed (moved far ahead), newest first.
   */
  async meetingsOf(code: string, now: Date): Promise<{ club: Club; meetings: MeetingSummary[] }> {
    const club = await this.club(code);
    const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
    const [latest] = await this.deps.sql.query<{ starts_at: Date | null }>('SELECT max(starts_at) AS starts_at FROM meeting WHERE club_id = $1', [club.id]);
    const until = Math.max(now.getTime() + 70 * 86_400_000, latest?.starts_at?.getTime() ?? 0);
    const planned = await this.deps.clubs.meetings(club, yearAgo, new Date(until));
    const meetings = planned
      .map((meeting) => ({ id: meeting.id, ruleDate: meeting.ruleDate, startsAtLocal: localText(meeting.startsAt), place: meeting.place, status: meeting.status }))
      .reverse();
    return { club, meetings };
  }

  /** Moves a meeting: `date` is the date the rule gave it (YYYY-MM-DD or DD/MM/YYYY), `to` the new date, `time` HH:MM (default: the club's). */
  async moveMeeting(input: { club?: string; date?: string; to?: string; time?: string; place?: string }): Promise<MeetingChangeResult> {
    const club = await this.club(input.club);
    const date = parseLocalDate(input.date ?? '');
    const to = parseLocalDate(input.to || input.date || '');
    const time = input.time ? parseTimeOfDay(input.time) : club.rule.time;
    if (!date || !to || time === undefined) throw new ClubAdminError('invalid', 'date and to as YYYY-MM-DD, time as HH:MM');
    const place = input.place?.trim() || undefined;
    return this.found(club, date, await this.deps.changes.move(club, formatLocalDate(date), { startsAt: localInstant(to, time), place }));
  }

  /** Cancels the meeting the rule puts on `date`. */
  async cancelMeeting(input: { club?: string; date?: string }): Promise<MeetingChangeResult> {
    const club = await this.club(input.club);
    const date = parseLocalDate(input.date ?? '');
    if (!date) throw new ClubAdminError('invalid', 'date as YYYY-MM-DD');
    return this.found(club, date, await this.deps.changes.cancel(club, formatLocalDate(date)));
  }

  /** Sets a meeting's topic. */
  async setTopic(input: { club?: string; date?: string; topic?: string }): Promise<number> {
    const club = await this.club(input.club);
    const date = parseLocalDate(input.date ?? '');
    if (!date || !input.topic?.trim()) throw new ClubAdminError('invalid', 'date as YYYY-MM-DD and a topic');
    const id = await this.deps.clubs.changeMeeting(club, formatLocalDate(date), { topic: input.topic.trim() });
    return this.found(club, date, id);
  }

  /**
   * Records how many came to a meeting (null clears it), the organiser's figure; a past meeting
   * that only the rule knew of gets its row.
   * @returns the meeting id.
   */
  async recordAttendance(input: { club?: string; date?: string; count?: string }): Promise<{ meetingId: number; attendance: number | null }> {
    const club = await this.club(input.club);
    const date = parseLocalDate(input.date ?? '');
    const attendance = input.count === 'none' ? null : Number(input.count);
    if (!date || (attendance !== null && !(Number.isInteger(attendance) && attendance >= 0))) {
      throw new ClubAdminError('invalid', 'date as YYYY-MM-DD and the count as a whole number (or none)');
    }
    const meetingId = this.found(club, date, await this.deps.clubs.meetingIdOn(club, formatLocalDate(date)));
    await recordMeetingAttendance(this.deps.sql, meetingId, attendance);
    return { meetingId, attendance };
  }

  /** A meeting's reminder outcomes and RSVPs, and the same as CSV. */
  async meetingFigures(meetingId: number): Promise<{ club: Club; startsAtLocal: string; stats: MeetingStats; csv: string }> {
    const found = Number.isInteger(meetingId) ? await this.deps.clubs.meetingById(meetingId) : undefined;
    if (!found) throw new ClubAdminError('not_found', 'no such meeting');
    const stats = await meetingStats(this.deps.sql, meetingId);
    const startsAtLocal = localText(found.meeting.startsAt);
    return { club: found.club, startsAtLocal, stats, csv: meetingStatsCsv(stats, { clubCode: found.club.code, clubName: found.club.name, startsAtLocal }) };
  }

  private async club(code: string | undefined): Promise<Club> {
    const club = code ? await this.deps.clubs.findByCode(code) : undefined;
    if (!club) throw new ClubAdminError('not_found', `no club with code ${code ?? '(missing)'}`);
    return club;
  }

  private found<T>(club: Club, date: { year: number; month: number; day: number }, result: T | undefined): T {
    if (result === undefined) throw new ClubAdminError('not_found', `${club.code} has no meeting on ${formatLocalDate(date)}`);
    return result;
  }
}
