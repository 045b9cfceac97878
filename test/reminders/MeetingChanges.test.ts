import { messengerReminderBodyBuilder } from '../../src/channels/messenger/buildMessengerReminderBody.js';
import { MessengerClient } from '../../src/channels/messenger/MessengerClient.js';
import { MessengerSender } from '../../src/channels/messenger/MessengerSender.js';
import { ChannelUsers } from '../../src/conversations/ChannelUsers.js';
import { createLogger } from '../../src/logger.js';
import { Outbox } from '../../src/outbound/Outbox.js';
import { ClubAdmin } from '../../src/reminders/ClubAdmin.js';
import { Clubs } from '../../src/reminders/Clubs.js';
import { ClubSubscriptions } from '../../src/reminders/ClubSubscriptions.js';
import { describeWhen } from '../../src/reminders/describeMeeting.js';
import { localInstant } from '../../src/reminders/localTime.js';
import { MeetingChanges } from '../../src/reminders/MeetingChanges.js';
import { ObservanceCalendar } from '../../src/reminders/ObservanceCalendar.js';
import { parseQuietHours, parseReminderOffset } from '../../src/reminders/reminderTimes.js';
import { ReminderScheduler } from '../../src/reminders/ReminderScheduler.js';
import type { Database } from '../../src/store/Database.js';
import { loadTexts } from '../support/botHarness.js';
import { FIXTURE_CLUB, FIXTURE_MEETING_AT, FIXTURE_YEAR } from '../support/clubFixture.js';
import { GRAPH, PAGE_TOKEN, recordSendApi } from '../support/messengerHarness.js';
import { DATABASE_KINDS, freshDatabasePerTest } from '../support/testDatabase.js';
import { testSecretBox } from '../support/testSecretBox.js';

const secretBox = testSecretBox();
const logger = createLogger('silent');
const HOUR = 3_600_000;
const year = FIXTURE_YEAR;
const RULE_DATE = `${year}-03-15`;
// Ten days before the March meeting, in the afternoon: no reminder is due yet, no quiet hours.
const CHANGED_AT = localInstant({ year, month: 3, day: 5 }, 15 * 60);

async function wire(db: Database, template?: string) {
  const clubs = new Clubs(db.sql, secretBox);
  const outbox = new Outbox(db.sql, secretBox);
  const changes = new MeetingChanges(db.sql, clubs);
  const scheduler = new ReminderScheduler({
    sql: db.sql, clubs, outbox, texts: await loadTexts(), logger, calendar: ObservanceCalendar.load(),
    bodies: new Map([['messenger', messengerReminderBodyBuilder(template)]]),
    offsets: ['3d@19:00', '2h'].map(parseReminderOffset),
    quietHours: parseQuietHours('21:00-07:00'),
  });
  return { clubs, outbox, scheduler, admin: new ClubAdmin({ sql: db.sql, clubs, changes }), channelUsers: new ChannelUsers(db.sql, secretBox) };
}

/** Three members (vi, en, vi) who last wrote `lastInboundAt`; returns their PSIDs. */
async function members(db: Database, lastInboundAt: Date): Promise<string[]> {
  const { clubs, channelUsers } = await wire(db);
  await clubs.upsert(FIXTURE_CLUB);
  const club = (await clubs.findByCode('HN01'))!;
  const subscriptions = new ClubSubscriptions(db.sql);
  const psids = ['P0', 'P1', 'P2'];
  for (const [i, psid] of psids.entries()) {
    await subscriptions.subscribe(club.id, await channelUsers.touchInbound('messenger', psid, lastInboundAt), 'messenger', i === 1 ? 'en' : 'vi');
  }
  return psids;
}

async function send(db: Database, outbox: Outbox) {
  const sent = recordSendApi();
  const worker = outbox.createWorker({
    senders: new Map([['messenger', new MessengerSender(new MessengerClient(`${GRAPH}/v21.0`, PAGE_TOKEN), { humanAgentTag: false })]]),
    channelUsers: new ChannelUsers(db.sql, secretBox),
    logger,
    concurrency: 4,
  });
  worker.start();
  await worker.drain();
  await worker.stop();
  return sent;
}

/** "19:30, Thứ Hai 15/03/2027": the weekday depends on the fixture's year. */
async function viWhen(instant: Date): Promise<string> {
  return describeWhen(await loadTexts(), 'vi', instant);
}

async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.sql.query<{ n: string }>(sql, params))[0]?.n);
}

describe.each(DATABASE_KINDS)('moved and cancelled meetings on %s', (kind) => {
  const database = freshDatabasePerTest(kind);

  it('a move withdraws the waiting reminders, tells each member once, and reminds at the new time', async () => {
    const { db } = database();
    await members(db, new Date());
    const { scheduler, admin, outbox } = await wire(db);
    // The 3-day reminder (due 12 March 19:00) is materialised by a tick in quiet hours, not yet sent.
    const threeDays = localInstant({ year, month: 3, day: 12 }, 19 * 60 + 1);
    expect(await scheduler.tick(localInstant({ year, month: 3, day: 12 }, 21 * 60 + 30))).toMatchObject({ quiet: true, remindersCreated: 3 });

    const moved = await admin.moveMeeting({ club: 'hn 01', date: RULE_DATE, to: `${year}-03-17`, time: '08:00', place: 'UBND xã' });
    expect(moved.withdrawn).toBe(3);
    // Two instances tick at once, and again: one notice per member all the same.
    const other = kind === 'postgresql' ? await wire(await database().openAnother()) : undefined;
    const ticks = await Promise.all([scheduler.tick(CHANGED_AT), (other?.scheduler ?? scheduler).tick(CHANGED_AT)]);
    expect(ticks.reduce((sum, tick) => sum + tick.notices, 0)).toBe(3);
    expect((await scheduler.tick(CHANGED_AT)).notices).toBe(0);
    // A crash after the notices were stored and before the change was marked: the next tick stores none again.
    await db.sql.query('UPDATE meeting_change SET notices_enqueued_at = NULL');
    expect((await scheduler.tick(CHANGED_AT)).notices).toBe(0);
    expect(await count(db, `SELECT count(*) AS n FROM meeting_change WHERE notices_enqueued_at IS NULL`)).toBe(0);

    const sent = await send(db, outbox);
    expect(sent.map((m) => m.recipient.id).sort()).toEqual(['P0', 'P1', 'P2']);
    const newTime = localInstant({ year, month: 3, day: 17 }, 8 * 60);
    expect(sent.find((m) => m.recipient.id === 'P0')?.message?.text).toBe(
      `Thay đổi lịch sinh hoạt CLB Gia đình Thôn Đông: buổi ${await viWhen(FIXTURE_MEETING_AT)} được dời sang ${await viWhen(newTime)}, tại UBND xã. Mình sẽ nhắc bạn theo giờ mới.`,
    );
    expect(sent.find((m) => m.recipient.id === 'P1')?.message?.text).toContain('Schedule change, CLB Gia đình Thôn Đông');

    // Nothing at the old 3-day time; the new 3-day reminder (14 March 19:00) and the new 2-hour one come once each.
    expect(await scheduler.tick(threeDays)).toMatchObject({ enqueued: 0 });
    expect(await scheduler.tick(localInstant({ year, month: 3, day: 14 }, 19 * 60 + 1))).toMatchObject({ remindersCreated: 3, enqueued: 3 });
    expect(await scheduler.tick(new Date(localInstant({ year, month: 3, day: 17 }, 8 * 60).getTime() - 2 * HOUR + 60_000))).toMatchObject({ enqueued: 0 });
    expect(await scheduler.tick(localInstant({ year, month: 3, day: 17 }, 7 * 60))).toMatchObject({ remindersCreated: 3, enqueued: 3 });
    expect(await count(db, `SELECT count(*) AS n FROM outbox_message WHERE purpose = 'reminder'`)).toBe(6);
  });

  it('records the attendance the organiser reports, also for a past meeting only the rule knew of', async () => {
    const { db } = database();
    const { clubs, admin } = await wire(db);
    await clubs.upsert(FIXTURE_CLUB);
    expect(await count(db, 'SELECT count(*) AS n FROM meeting')).toBe(0);
    const { meetingId } = await admin.recordAttendance({ club: 'HN01', date: RULE_DATE, count: '23' });
    expect(await count(db, 'SELECT attendance AS n FROM meeting WHERE id = $1 AND rule_date = $2', [meetingId, RULE_DATE])).toBe(23);
    await admin.recordAttendance({ club: 'HN01', date: RULE_DATE, count: 'none' });
    expect((await db.sql.query('SELECT attendance FROM meeting WHERE id = $1', [meetingId]))[0]).toEqual({ attendance: null });
    await expect(admin.recordAttendance({ club: 'HN01', date: `${year}-03-16`, count: '5' })).rejects.toThrow('no meeting');
    await expect(admin.recordAttendance({ club: 'HN01', date: RULE_DATE, count: '-1' })).rejects.toThrow('whole number');
  });

  it('a cancellation withdraws the reminders and tells each member once; cancelling again tells nobody again', async () => {
    const { db } = database();
    await members(db, new Date());
    const { scheduler, admin, outbox } = await wire(db);
    await scheduler.tick(localInstant({ year, month: 3, day: 12 }, 21 * 60 + 30));
    expect((await admin.cancelMeeting({ club: 'HN01', date: '15/03/' + year })).withdrawn).toBe(3);
    expect((await admin.cancelMeeting({ club: 'HN01', date: RULE_DATE })).changeId).toBeUndefined();
    expect((await scheduler.tick(CHANGED_AT)).notices).toBe(3);
    expect((await scheduler.tick(CHANGED_AT)).notices).toBe(0);
    const sent = await send(db, outbox);
    expect(sent.find((m) => m.recipient.id === 'P2')?.message?.text).toBe(`Thông báo từ CLB Gia đình Thôn Đông: buổi sinh hoạt ${await viWhen(FIXTURE_MEETING_AT)} sẽ không diễn ra. Mình sẽ nhắc bạn trước buổi tiếp theo.`);
    expect(await count(db, `SELECT count(*) AS n FROM reminder`)).toBe(0);
    expect(await scheduler.tick(new Date(FIXTURE_MEETING_AT.getTime() - 2 * HOUR + 60_000))).toMatchObject({ remindersCreated: 0, enqueued: 0 });
  });

  it('a change made in quiet hours is told at 07:00; people who subscribe after it are not told', async () => {
    const { db } = database();
    await members(db, new Date());
    const { scheduler, admin } = await wire(db);
    await admin.cancelMeeting({ club: 'HN01', date: RULE_DATE });
    expect(await scheduler.tick(localInstant({ year, month: 3, day: 5 }, 22 * 60))).toMatchObject({ quiet: true, notices: 0 });
    const { clubs, channelUsers } = await wire(db);
    await new ClubSubscriptions(db.sql).subscribe((await clubs.findByCode('HN01'))!.id, await channelUsers.touchInbound('messenger', 'LATE', new Date()), 'messenger', 'vi');
    expect((await scheduler.tick(localInstant({ year, month: 3, day: 6 }, 7 * 60))).notices).toBe(3);
  });

  it.each([
    ['a move goes as the utility template with the new time', 'move', { messaging_type: 'UTILITY' }],
    ['a cancellation has no template that fits: window_closed', 'cancel', undefined],
  ] as const)('outside the 24 h window, %s', async (_name, what, expected) => {
    const { db } = database();
    await members(db, new Date(Date.now() - 48 * HOUR));
    const { scheduler, admin, outbox } = await wire(db, 'club_meeting_reminder');
    if (what === 'move') await admin.moveMeeting({ club: 'HN01', date: RULE_DATE, to: `${year}-03-17` });
    else await admin.cancelMeeting({ club: 'HN01', date: RULE_DATE });
    await scheduler.tick(CHANGED_AT);
    const sent = await send(db, outbox);
    if (expected) {
      expect(sent).toHaveLength(3);
      for (const message of sent) expect(message).toMatchObject(expected);
      expect(JSON.stringify(sent[0])).toContain(`17/03/${year}`);
    } else {
      expect(sent).toEqual([]);
      expect(await count(db, `SELECT count(*) AS n FROM outbox_message WHERE purpose = 'notice' AND status = 'window_closed'`)).toBe(3);
    }
  });
});
