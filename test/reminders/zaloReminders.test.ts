import nock from 'nock';
import { zaloReminderBodyBuilder } from '../../src/channels/zalo/buildZaloReminderBody.js';
import { ZaloClient } from '../../src/channels/zalo/ZaloClient.js';
import { ZaloSender } from '../../src/channels/zalo/ZaloSender.js';
import { ZaloTokens } from '../../src/channels/zalo/ZaloTokens.js';
import { ChannelUsers } from '../../src/conversations/ChannelUsers.js';
import { createLogger } from '../../src/logger.js';
import { Outbox } from '../../src/outbound/Outbox.js';
import { Clubs } from '../../src/reminders/Clubs.js';
import { ClubSubscriptions } from '../../src/reminders/ClubSubscriptions.js';
import { meetingStats } from '../../src/reminders/meetingStats.js';
import { ObservanceCalendar } from '../../src/reminders/ObservanceCalendar.js';
import { parseQuietHours, parseReminderOffset } from '../../src/reminders/reminderTimes.js';
import { ReminderScheduler } from '../../src/reminders/ReminderScheduler.js';
import { loadTexts } from '../support/botHarness.js';
import { FIXTURE_CLUB, FIXTURE_MEETING_AT } from '../support/clubFixture.js';
import { DATABASE_KINDS, freshDatabasePerTest } from '../support/testDatabase.js';
import { testSecretBox } from '../support/testSecretBox.js';
import { OAUTH, OPENAPI, SEED_ACCESS, SEED_REFRESH } from '../support/zaloHarness.js';

const ZNS = 'https://business.openapi.zalo.test';
const secretBox = testSecretBox();
const logger = createLogger('silent');
const meetingAt = FIXTURE_MEETING_AT;
const club = FIXTURE_CLUB;

describe.each(DATABASE_KINDS)('Zalo reminders outside the 7-day window on %s', (kind) => {
  const database = freshDatabasePerTest(kind);

  it('go by ZNS to members who gave a phone; the others are window_closed and counted', async () => {
    const { db } = database();
    const clubs = new Clubs(db.sql, secretBox);
    const channelUsers = new ChannelUsers(db.sql, secretBox);
    const subscriptions = new ClubSubscriptions(db.sql);
    await clubs.upsert(club);
    const found = (await clubs.findByCode('HN01'))!;
    const longAgo = new Date(Date.now() - 30 * 86_400_000);
    for (const [userId, phone] of [['Z1', '0912345678'], ['Z2', undefined]] as const) {
      const id = await channelUsers.touchInbound('zalo', userId, longAgo);
      await subscriptions.subscribe(found.id, id, 'zalo', 'vi');
      if (phone) await channelUsers.setReminderPhone(id, phone);
    }
    const outbox = new Outbox(db.sql, secretBox);
    const scheduler = new ReminderScheduler({
      sql: db.sql, clubs, outbox, texts: await loadTexts(), logger, calendar: ObservanceCalendar.load(),
      bodies: new Map([['zalo', zaloReminderBodyBuilder('412345')]]),
      offsets: [parseReminderOffset('2h')],
      quietHours: parseQuietHours('21:00-07:00'),
    });
    const now = new Date(meetingAt.getTime() - 2 * 3_600_000 + 60_000);
    expect(await scheduler.tick(now)).toMatchObject({ enqueued: 2 });

    const znsBodies: unknown[] = [];
    nock(ZNS).persist().post('/message/template').reply(async (request: Request) => {
      znsBodies.push(await request.json());
      return [200, { error: 0, message: 'Success', data: { msg_id: 'zns-1', sent_time: '1' } }] as const;
    });
    const tokens = new ZaloTokens({ sql: db.sql, secretBox, appId: 'app', appSecret: 'secret', initial: { accessToken: SEED_ACCESS, refreshToken: SEED_REFRESH }, oauthUrl: OAUTH, logger });
    const worker = outbox.createWorker({ senders: new Map([['zalo', new ZaloSender(new ZaloClient(OPENAPI, tokens, 10_000, ZNS))]]), channelUsers, logger, concurrency: 4 });
    worker.start();
    await worker.drain();
    await worker.stop();

    expect(znsBodies).toEqual([
      {
        phone: '84912345678',
        template_id: '412345',
        template_data: { club_name: 'CLB Gia đình Thôn Đông', meeting_time: expect.stringContaining('19:30'), place: 'Nhà văn hoá thôn', topic: expect.any(String) },
        tracking_id: expect.stringMatching(/^reminder:\d+$/),
      },
    ]);
    const meetingId = (await clubs.meetings(found, now, meetingAt))[0]!.id!;
    expect((await meetingStats(db.sql, meetingId)).offsets).toEqual([{ offset: '2h', sent: 2, delivered: 1, windowClosed: 1, failed: 0, pending: 0 }]);
    const closed = await db.sql.query<{ last_error: string }>(`SELECT last_error FROM outbox_message WHERE status = 'window_closed'`);
    expect(closed).toEqual([{ last_error: 'no_phone' }]);
  });

  it('the phone goes with the last club subscription', async () => {
    const { db } = database();
    const clubs = new Clubs(db.sql, secretBox);
    const channelUsers = new ChannelUsers(db.sql, secretBox);
    const subscriptions = new ClubSubscriptions(db.sql);
    await clubs.upsert(club);
    await clubs.upsert({ ...club, code: 'HN02', name: 'CLB Xóm Đình' });
    const [a, b] = [(await clubs.findByCode('HN01'))!, (await clubs.findByCode('HN02'))!];
    const id = await channelUsers.touchInbound('zalo', 'Z1', new Date());
    await subscriptions.subscribe(a.id, id, 'zalo', 'vi');
    await subscriptions.subscribe(b.id, id, 'zalo', 'vi');
    await channelUsers.setReminderPhone(id, '0912345678');
    await subscriptions.unsubscribe(a.id, id);
    expect((await channelUsers.find(id))?.reminderPhone).toBe('0912345678');
    await subscriptions.unsubscribe(b.id, id);
    expect((await channelUsers.find(id))?.reminderPhone).toBeUndefined();
  });
});
