import { Clubs, type Club } from '../../src/reminders/Clubs.js';
import { recordMeetingAttendance } from '../../src/reminders/recordMeetingAttendance.js';
import type { SqlExecutor } from '../../src/store/Database.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabase.js';
import { testSecretBox } from '../support/testSecretBox.js';

const MEETINGS = `SELECT id, rule_date, starts_at, place, status, attendance FROM meeting ORDER BY rule_date`;

describe.each(DATABASE_KINDS)('Clubs.meetingIdOn on %s', (kind) => {
  let testDb: TestDatabase;
  let sql: SqlExecutor;
  let clubs: Clubs;
  let club: Club;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
    sql = testDb.db.sql;
    clubs = new Clubs(sql, testSecretBox());
    // The 15th of every month at 19:00 local time; no meeting row stored yet.
    await clubs.upsert({
      code: 'HN01', name: 'CLB Thôn Đông', province: 'ha-noi', district: '', commune: '', village: '', active: true,
      rule: { day: { kind: 'dayOfMonth', day: 15 }, everyMonths: 1, anchorMonth: '2026-01', time: 19 * 60, place: 'Nhà văn hoá' },
    });
    club = (await clubs.findByCode('HN01'))!;
  });
  afterEach(async () => {
    await testDb.dispose();
  });

  it("stores a past meeting the rule gives, the way the scheduler stores upcoming ones, so its attendance can be recorded", async () => {
    const id = await clubs.meetingIdOn(club, '2026-03-15');
    expect(id).toEqual(expect.any(Number));
    expect(await recordMeetingAttendance(sql, id!, 23)).toBe(true);
    // Asked again: the same row, not a second one.
    expect(await clubs.meetingIdOn(club, '2026-03-15')).toBe(id);
    // The scheduler, storing April's meeting, writes a row of the same shape.
    await clubs.ensureMeetings(new Date('2026-04-14T00:00:00Z'), 2 * 86_400_000);
    expect(await sql.query(MEETINGS)).toEqual([
      { id, rule_date: '2026-03-15', starts_at: new Date('2026-03-15T12:00:00Z'), place: 'Nhà văn hoá', status: 'scheduled', attendance: 23 },
      { id: expect.any(Number), rule_date: '2026-04-15', starts_at: new Date('2026-04-15T12:00:00Z'), place: 'Nhà văn hoá', status: 'scheduled', attendance: null },
    ]);
  });

  it('keeps a stored meeting as it was changed (moved) and finds nothing on a day the rule has no meeting', async () => {
    const moved = await clubs.changeMeeting(club, '2026-02-15', { status: 'moved', startsAt: new Date('2026-02-17T01:00:00Z'), place: 'UBND xã' });
    expect(await clubs.meetingIdOn(club, '2026-02-15')).toBe(moved);
    expect(await clubs.meetingIdOn(club, '2026-02-16')).toBeUndefined();
    expect(await sql.query(MEETINGS)).toEqual([
      { id: moved, rule_date: '2026-02-15', starts_at: new Date('2026-02-17T01:00:00Z'), place: 'UBND xã', status: 'moved', attendance: null },
    ]);
  });
  it('finds each club\'s next meeting with one query, skipping a cancelled one and taking a move into account', async () => {
    await clubs.upsert({
      code: 'HN02', name: 'CLB Thôn Tây', province: 'ha-noi', district: '', commune: '', village: '', active: true,
      rule: { day: { kind: 'dayOfMonth', day: 20 }, everyMonths: 1, anchorMonth: '2026-01', time: 8 * 60, place: 'Đình làng' },
    });
    const other = (await clubs.findByCode('HN02'))!;
    await clubs.changeMeeting(club, '2026-03-15', { status: 'cancelled' });
    await clubs.changeMeeting(other, '2026-03-20', { status: 'moved', startsAt: new Date('2026-03-22T01:00:00Z'), place: 'UBND xã' });
    let queries = 0;
    const counting = new Clubs({ ...sql, query: (text, params) => (queries++, sql.query(text, params)) }, testSecretBox());
    const next = await counting.nextMeetings([club, other], new Date('2026-03-01T00:00:00Z'));
    expect(queries).toBe(1);
    expect([next.get(club.id)?.ruleDate, next.get(other.id)?.ruleDate, next.get(other.id)?.startsAt, next.get(other.id)?.place]).toEqual(['2026-04-15', '2026-03-20', new Date('2026-03-22T01:00:00Z'), 'UBND xã']);
    expect(await clubs.nextMeeting(club, new Date('2026-03-01T00:00:00Z'))).toEqual(next.get(club.id));
  });

  it("reads the meetings that can change the next one, not the club's whole history", async () => {
    await clubs.meetingIdOn(club, '2025-01-15');
    await clubs.meetingIdOn(club, '2025-06-15');
    // 15 April moved back before the window opens: read by its rule date, or the rule's 15 April
    // would come back as the next meeting.
    await clubs.changeMeeting(club, '2026-04-15', { status: 'moved', startsAt: new Date('2026-04-05T01:00:00Z'), place: 'UBND xã' });
    await clubs.changeMeeting(club, '2026-05-15', { status: 'cancelled' });
    const read: Record<string, unknown>[] = [];
    const recording = new Clubs(
      { ...sql, query: (async (text: string, params?: unknown[]) => { const rows = await sql.query(text, params); read.push(...rows); return rows; }) as SqlExecutor['query'] },
      testSecretBox(),
    );
    // From 10 April: the moved meeting is behind, the cancelled one is skipped; last year's are not read.
    expect((await recording.nextMeeting(club, new Date('2026-04-10T00:00:00Z')))?.ruleDate).toBe('2026-06-15');
    expect(read.map((row) => row.rule_date).sort()).toEqual(['2026-04-15', '2026-05-15']);
  });
});
