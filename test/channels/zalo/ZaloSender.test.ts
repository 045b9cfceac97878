import nock from 'nock';
import { zaloReminderBodyBuilder } from '../../../src/channels/zalo/buildZaloReminderBody.js';
import { ZaloClient } from '../../../src/channels/zalo/ZaloClient.js';
import { ZaloSender } from '../../../src/channels/zalo/ZaloSender.js';
import type { ZaloTokens } from '../../../src/channels/zalo/ZaloTokens.js';
import type { ChannelRecipient } from '../../../src/conversations/ChannelUsers.js';
import type { MessagePurpose } from '../../../src/outbound/ChannelSender.js';
import { OPENAPI, recordZaloApi } from '../../support/zaloHarness.js';

const ZNS = 'https://business.openapi.zalo.test';
const NOW = Date.parse('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
const TEMPLATE = '412345';
const fields = { club: 'CLB Thôn Đông', when: '19:30, Thứ Bảy 28/11/2026', place: 'Nhà văn hoá thôn', topic: 'Chia sẻ việc nhà' };

/** Tokens that never need the database: the first is rejected once when `stale`. */
function tokens(): { tokens: ZaloTokens; refreshed: number[] } {
  const refreshed: number[] = [];
  const fake = {
    accessToken: async () => ({ value: refreshed.length ? 'fresh-token' : 'old-token', version: 1 }),
    refresh: async (seen: number) => (refreshed.push(seen), { value: 'fresh-token', version: seen + 1 }),
  };
  return { tokens: fake as unknown as ZaloTokens, refreshed };
}

function zaloSender() {
  const t = tokens();
  return { ...t, sender: new ZaloSender(new ZaloClient(OPENAPI, t.tokens, 10_000, ZNS), { now: () => NOW }) };
}

function recipient(daysSinceLastMessage: number, reminderPhone?: string): ChannelRecipient {
  return { id: 'p1', channel: 'zalo', platformUserId: '2468458835296117922', reference: undefined, lastInboundAt: new Date(NOW - daysSinceLastMessage * DAY), reminderPhone };
}

function reminderBody(template: string | undefined = TEMPLATE): unknown {
  return zaloReminderBodyBuilder(template)({ locale: 'vi', activity: { text: 'Nhắc lịch sinh hoạt' }, fields });
}

/** Intercepts ZNS sends: records each request's token and body, answers from `replies` in order. */
function recordZns(replies: unknown[] = []): { token: string; body: unknown }[] {
  const calls: { token: string; body: unknown }[] = [];
  nock(ZNS)
    .persist()
    .post('/message/template')
    .reply(async (request: Request) => {
      calls.push({ token: request.headers.get('access_token') ?? '', body: await request.json() });
      const scripted = replies[calls.length - 1] ?? { error: 0, message: 'Success', data: { msg_id: `zns_${calls.length}`, sent_time: String(NOW) } };
      return [200, scripted as nock.Body] as const;
    });
  return calls;
}

function delivery(to: ChannelRecipient, purpose: MessagePurpose = 'reminder', body = reminderBody()) {
  return { recipient: to, purpose, body, key: 'reminder:42' };
}

describe('ZaloSender window rules and ZNS', () => {
  afterEach(() => nock.cleanAll());

  it('inside the 7-day window sends a consultation message, never ZNS', async () => {
    const sent = recordZaloApi();
    const zns = recordZns();
    expect(await zaloSender().sender.send(delivery(recipient(6, '0912345678')))).toEqual({ status: 'sent', platformMessageId: 'zmsg_1' });
    expect(sent).toEqual([{ accessToken: 'old-token', recipient: { user_id: '2468458835296117922' }, message: { text: 'Nhắc lịch sinh hoạt' } }]);
    expect(zns).toEqual([]);
  });

  it('outside the window sends the ZNS template to the phone the person gave, with the exact body', async () => {
    const zns = recordZns();
    expect(await zaloSender().sender.send(delivery(recipient(8, '0912345678')))).toEqual({ status: 'sent', platformMessageId: 'zns_1' });
    expect(zns).toEqual([
      {
        token: 'old-token',
        body: {
          phone: '84912345678',
          template_id: TEMPLATE,
          template_data: { club_name: 'CLB Thôn Đông', meeting_time: '19:30, Thứ Bảy 28/11/2026', place: 'Nhà văn hoá thôn', topic: 'Chia sẻ việc nhà' },
          tracking_id: 'reminder:42',
        },
      },
    ]);
  });

  it.each([
    ['no phone was given', recipient(8), reminderBody(), 'reminder', { status: 'window_closed', error: 'no_phone' }],
    ['no template is configured', recipient(8, '0912345678'), reminderBody(''), 'reminder', { status: 'window_closed' }],
    ['the message is a bot reply, not a reminder', recipient(8, '0912345678'), reminderBody(), 'reply', { status: 'window_closed' }],
  ] as const)('outside the window records window_closed when %s, calling nobody', async (_name, to, body, purpose, outcome) => {
    const sent = recordZaloApi();
    const zns = recordZns();
    expect(await zaloSender().sender.send(delivery(to, purpose, body))).toEqual(outcome);
    expect([...sent, ...zns]).toEqual([]);
  });

  it('falls back to ZNS when Zalo says the window is closed (-230) although our clock says open', async () => {
    recordZaloApi([{ error: -230, message: 'User has not interacted with the OA in the past 7 days' }]);
    const zns = recordZns();
    expect(await zaloSender().sender.send(delivery(recipient(2, '0912345678')))).toEqual({ status: 'sent', platformMessageId: 'zns_1' });
    expect(zns).toHaveLength(1);
  });

  it.each([
    [-109, { status: 'failed', error: 'zns_-109:template_invalid' }],
    [-115, { status: 'failed', error: 'zns_-115:out_of_quota' }],
    [-118, { status: 'failed', error: 'zns_-118:phone_not_on_zalo' }],
    [-108, { status: 'failed', error: 'zns_-108:phone_invalid' }],
    [-999, { status: 'failed', error: 'zns_-999' }],
    [-100, { status: 'retry', error: 'zns_-100' }],
    [-133, { status: 'retry', error: 'zns_-133' }],
    [-144, { status: 'retry', error: 'zns_-144' }],
  ] as const)('sorts ZNS error %i', async (error, outcome) => {
    recordZns([{ error, message: 'x' }]);
    expect(await zaloSender().sender.send(delivery(recipient(8, '0912345678')))).toEqual(outcome);
  });

  it('refreshes a rejected token (-124) once and sends again; retries a 5xx', async () => {
    const zns = recordZns([{ error: -124, message: 'Access token invalid' }]);
    const { sender, refreshed } = zaloSender();
    expect(await sender.send(delivery(recipient(8, '0912345678')))).toEqual({ status: 'sent', platformMessageId: 'zns_2' });
    expect(refreshed).toEqual([1]);
    expect(zns.map((call) => call.token)).toEqual(['old-token', 'fresh-token']);
    nock.cleanAll();
    nock(ZNS).post('/message/template').reply(503, 'busy');
    expect(await sender.send(delivery(recipient(8, '0912345678')))).toEqual({ status: 'retry', error: 'http_503' });
  });
});
