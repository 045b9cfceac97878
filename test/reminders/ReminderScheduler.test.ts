import { messengerReminderBodyBuilder } from '../../src/channels/messenger/buildMessengerReminderBody.js';
import { MessengerClient } from '../../src/channels/messenger/MessengerClient.js';
import { MessengerSender } from '../../src/channels/messenger/MessengerSender.js';
import { ChannelUsers } from '../../src/conversations/ChannelUsers.js';
import { createLogger } from '../../src/logger.js';
import { Outbox } from '../../src/outbound/Outbox.js';
import { Clubs } from '../../src/reminders/Clubs.js';
import { ClubSubscriptions } from '../../src/reminders/ClubSubscriptions.js';
import { localInstant } from '../../src/reminders/localTime.js';
import { meetingStats } from '../../src/reminders/meetingStats.js';
import { ObservanceCalendar } from '../../src/reminders/ObservanceCalendar.js';
import { parseQuietHours, parseReminderOffset } from '../../src/reminders/reminderTimes.js';
import { ReminderScheduler } from '../../src/reminders/ReminderScheduler.js';
import type { Database } from '../../src/store/Database.js';
import { loadTexts } from '../support/botHarness.js';
import { FIXTURE_CLUB, FIXTURE_MEETING_AT, FIXTURE_YEAR } from '../support/clubFixture.js';
import { GRAPH, PAGE_TOKEN, recordSendApi } from '../support/messengerHarness.js';
import { testSecretBox } from '../support/testSecretBox.js';
import { DATABASE_KINDS, freshDatabasePerTest } from '../support/testDatabase.js';

const secretBox = testSecretBox();
const logger = createLogger('silent');
const HOUR = 3_600_000;
const year = FIXTURE_YEAR;
const meetingAt = FIXTURE_MEETING_AT;
const club = FIXTURE_CLUB;

async function wire(db: Database, options: { template?: string; leaseSeconds?: number; offsets?: string[] } = {}) {
  const texts = await loadTexts();
  const clubs = new Clubs(db.sql, secretBox);
  const outbox = new Outbox(db.sql, secretBox);
  const scheduler = new ReminderScheduler({
    sql: db.sql, clubs, outbox, texts, logger,
    calendar: ObservanceCalendar.load(),
    bodies: new Map([['messenger', messengerReminderBodyBuilder(options.template)]]),
    offsets: (options.offsets ?? ['3d@19:00', '2h']).map(parseReminderOffset),
    quietHours: parseQuietHours('21:00-07:00'),
    leaseSeconds: options.leaseSeconds,
    batchSize: 7,
  });
  return { clubs, outbox, scheduler, channelUsers: new ChannelUsers(db.sql, secretBox), subscriptions: new ClubSubscriptions(db.sql) };
}

async function subscribeMembers(db: Database, count: number, lastInboundAt = new Date()): Promise<string[]> {
  const { clubs, channelUsers, subscriptions } = await wire(db);
  await clubs.upsert(club);
  const found = await clubs.findByCode('hn01');
  const psids: string[] = [];
  for (let i = 0; i < count; i++) {
    const psid = `PSID${i}`;
    const id = await channelUsers.touchInbound('messenger', psid, lastInboundAt);
    await subscriptions.subscribe(found!.id, id, 'messenger', i % 2 ? 'en' : 'vi');
    psids.push(psid);
  }
  return psids;
}

function sendAll(db: Database, outbox: Outbox) {
  const client = new MessengerClient(`${GRAPH}/v21.0`, PAGE_TOKEN);
  const worker = outbox.createWorker({ senders: new Map([['messenger', new MessengerSender(client, { humanAgentTag: false })]]), channelUsers: new ChannelUsers(db.sql, secretBox), logger, concurrency: 8 });
  return worker;
}

async function outboxCount(db: Database): Promise<number> {
  return Number((await db.sql.query<{ n: string }>(`SELECT count(*) AS n FROM outbox_message WHERE purpose = 'reminder'`))[0]?.n);
}

describe.each(DATABASE_KINDS)('ReminderScheduler on %s', (kind) => {
  const database = freshDatabasePerTest(kind);

  it('materialises each offset once per member, at its time, and hands each to the outbox once', async () => {
    const { db } = database();
    await subscribeMembers(db, 10);
    const { scheduler } = await wire(db);
    // Before the 3-day reminder (12 March 19:00): nothing due.
    expect(await scheduler.tick(new Date(localInstant({ year, month: 3, day: 12 }, 18 * 60).getTime()))).toMatchObject({ remindersCreated: 0, enqueued: 0 });
    const threeDays = localInstant({ year, month: 3, day: 12 }, 19 * 60 + 1);
    expect(await scheduler.tick(threeDays)).toMatchObject({ remindersCreated: 10, enqueued: 10 });
    expect(await scheduler.tick(threeDays)).toMatchObject({ remindersCreated: 0, enqueued: 0 });
    const twoHours = new Date(meetingAt.getTime() - 2 * HOUR + 60_000);
    expect(await scheduler.tick(twoHours)).toMatchObject({ remindersCreated: 10, enqueued: 10 });
    expect(await scheduler.tick(new Date(twoHours.getTime() + 60_000))).toMatchObject({ remindersCreated: 0, enqueued: 0 });
    expect(await outboxCount(db)).toBe(20);
  });

  it('does nothing during quiet hours, then catches up at 07:00', async () => {
    const { db } = database();
    await subscribeMembers(db, 3);
    const { scheduler } = await wire(db, { offsets: ['3d@19:00'] });
    expect(await scheduler.tick(localInstant({ year, month: 3, day: 12 }, 22 * 60))).toMatchObject({ quiet: true, enqueued: 0 });
    expect(await scheduler.tick(localInstant({ year, month: 3, day: 13 }, 7 * 60))).toMatchObject({ quiet: false, enqueued: 3 });
  });

  it('skips reminders of a cancelled meeting and of people who unsubscribed; a moved meeting is reminded at its new time', async () => {
    const { db } = database();
    await subscribeMembers(db, 4);
    const { scheduler, clubs, subscriptions, channelUsers } = await wire(db, { offsets: ['2h'] });
    const found = (await clubs.findByCode('HN01'))!;
    await subscriptions.unsubscribe(found.id, channelUsers.idFor('messenger', 'PSID0'));
    await clubs.changeMeeting(found, `${year}-03-15`, { status: 'moved', startsAt: localInstant({ year, month: 3, day: 16 }, 19 * 60 + 30) });
    await clubs.changeMeeting(found, `${year}-04-15`, { status: 'cancelled' });
    // The old time is no longer due; the new one is.
    expect(await scheduler.tick(new Date(meetingAt.getTime() - 2 * HOUR + 60_000))).toMatchObject({ enqueued: 0 });
    expect(await scheduler.tick(localInstant({ year, month: 3, day: 16 }, 17 * 60 + 31))).toMatchObject({ enqueued: 3 });
    expect(await scheduler.tick(localInstant({ year, month: 4, day: 15 }, 17 * 60 + 31))).toMatchObject({ remindersCreated: 0, enqueued: 0 });
  });

  it('a crash after materialising (before the outbox) is completed by the next tick, once', async () => {
    const { db } = database();
    await subscribeMembers(db, 9);
    const { scheduler, outbox, clubs } = await wire(db, { offsets: ['2h'], leaseSeconds: 0 });
    const now = new Date(meetingAt.getTime() - 2 * HOUR + 60_000);
    // The first instance dies inside the outbox hand-over, after its first batch was stored.
    let calls = 0;
    const crashing = new ReminderScheduler({
      ...(scheduler as unknown as { deps: ConstructorParameters<typeof ReminderScheduler>[0] }).deps,
      outbox: {
        enqueue: async (entries) => {
          calls++;
          if (calls === 1) return outbox.enqueue(entries).then(() => Promise.reject(new Error('killed')));
          throw new Error('killed');
        },
      },
    });
    await expect(crashing.tick(now)).rejects.toThrow('killed');
    expect(await outboxCount(db)).toBe(7);
    // The next tick (another instance) finds the claimed rows after their lease and completes them.
    expect(await scheduler.tick(now)).toMatchObject({ remindersCreated: 0, enqueued: 9 });
    expect(await scheduler.tick(now)).toMatchObject({ enqueued: 0 });
    expect(await outboxCount(db)).toBe(9);
    const meetingId = (await clubs.meetings((await clubs.findByCode('HN01'))!, now, meetingAt))[0]?.id;
    expect((await meetingStats(db.sql, meetingId!)).offsets).toEqual([{ offset: '2h', sent: 9, delivered: 0, windowClosed: 0, failed: 0, pending: 9 }]);
  });

  it('two scheduler instances ticking at once send each reminder exactly once', async () => {
    const { db } = database();
    const psids = await subscribeMembers(db, 25);
    const other = kind === 'postgresql' ? await database().openAnother() : db;
    const a = await wire(db, { offsets: ['2h'] });
    const b = await wire(other, { offsets: ['2h'] });
    const now = new Date(meetingAt.getTime() - 2 * HOUR + 60_000);
    await Promise.all([a.scheduler.tick(now), b.scheduler.tick(now), a.scheduler.tick(now), b.scheduler.tick(now)]);
    const sent = recordSendApi();
    const worker = sendAll(db, a.outbox);
    worker.start();
    await worker.drain();
    await worker.stop();
    expect(sent.map((message) => message.recipient.id).sort()).toEqual([...psids].sort());
    expect(sent[0]).toMatchObject({ messaging_type: 'RESPONSE', message: { quick_replies: [{ payload: expect.stringMatching(/^rsvp\.yes:\d+$/) }, { payload: expect.stringMatching(/^rsvp\.no:\d+$/) }] } });
    expect(sent.find((m) => m.recipient.id === 'PSID0')?.message?.text).toContain('Nhắc lịch sinh hoạt CLB Gia đình Thôn Đông');
    expect(sent.find((m) => m.recipient.id === 'PSID1')?.message?.text).toContain('Meeting reminder: CLB Gia đình Thôn Đông');
  });

  it.each([
    ['without a template: window_closed, counted for the organiser', undefined],
    ['with a utility template: sent as the template', 'club_meeting_reminder'],
  ])('outside the 24 h window %s', async (_name, template) => {
    const { db } = database();
    await subscribeMembers(db, 2, new Date(Date.now() - 48 * HOUR));
    const { scheduler, outbox, clubs } = await wire(db, { offsets: ['2h'], template });
    const now = new Date(meetingAt.getTime() - 2 * HOUR + 60_000);
    await scheduler.tick(now);
    const sent = recordSendApi();
    const worker = sendAll(db, outbox);
    worker.start();
    await worker.drain();
    await worker.stop();
    const meetingId = (await clubs.meetings((await clubs.findByCode('HN01'))!, now, meetingAt))[0]?.id;
    const [stats] = (await meetingStats(db.sql, meetingId!)).offsets;
    if (template) {
      expect(stats).toMatchObject({ sent: 2, delivered: 2, windowClosed: 0 });
      // One member reads Vietnamese, the other English; the two sends may arrive in either order.
      const byLanguage = [...sent].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(byLanguage.map((m) => (m.message as unknown as { template: { language: { code: string } } }).template.language.code).sort()).toEqual(['en_US', 'vi']);
      for (const message of sent) expect(message).toMatchObject({ messaging_type: 'UTILITY', message: { template: { name: template, components: [{ type: 'body' }] } } });
    } else {
      expect(stats).toMatchObject({ sent: 2, delivered: 0, windowClosed: 2, failed: 0 });
      expect(sent).toEqual([]);
    }
  });
});
