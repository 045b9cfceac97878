import { MessengerSender } from '../../../src/channels/messenger/MessengerSender.js';
import type { GraphResult, MessengerClient } from '../../../src/channels/messenger/MessengerClient.js';
import type { MessagePurpose } from '../../../src/outbound/ChannelSender.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const HOUR = 3_600_000;

function sender(humanAgentTag: boolean, result: GraphResult = { ok: true, messageId: 'm_1' }) {
  const calls: Record<string, unknown>[] = [];
  const client = { send: async (body: Record<string, unknown>) => (calls.push(body), result) } as unknown as MessengerClient;
  return { calls, sender: new MessengerSender(client, { humanAgentTag, now: () => NOW }) };
}

function delivery(hoursSinceLastMessage: number, purpose: MessagePurpose) {
  return {
    purpose,
    recipient: { id: 'p', channel: 'messenger', platformUserId: 'PSID', reference: undefined, lastInboundAt: new Date(NOW - hoursSinceLastMessage * HOUR) },
    body: { message: { text: 'Chào bạn' } },
    key: 'messenger:in:1:0',
  };
}

describe('MessengerSender window rules', () => {
  it('answers inside 24 hours as RESPONSE', async () => {
    const { calls, sender: s } = sender(false);
    expect(await s.send(delivery(23, 'reply'))).toEqual({ status: 'sent', platformMessageId: 'm_1' });
    expect(calls).toEqual([{ recipient: { id: 'PSID' }, messaging_type: 'RESPONSE', message: { text: 'Chào bạn' } }]);
  });

  it('lets a counselor answer with the HUMAN_AGENT tag up to 7 days when the page has it', async () => {
    const { calls, sender: s } = sender(true);
    expect(await s.send(delivery(6 * 24, 'agent'))).toMatchObject({ status: 'sent' });
    expect(calls[0]).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(await s.send(delivery(8 * 24, 'agent'))).toEqual({ status: 'window_closed' });
  });

  it.each([
    ['a bot reply after 24 hours', true, 25, 'reply'],
    ['a reminder after 24 hours', true, 30, 'reminder'],
    ['a counselor without the tag', false, 25, 'agent'],
  ] as const)('does not send %s: recorded as window_closed', async (_name, tag, hours, purpose) => {
    const { calls, sender: s } = sender(tag);
    expect(await s.send(delivery(hours, purpose))).toEqual({ status: 'window_closed' });
    expect(calls).toEqual([]);
  });

  it('maps Graph outcomes: transient → retry with Retry-After, window error → window_closed, other 4xx → failed', async () => {
    expect(await sender(false, { ok: false, kind: 'transient', code: 'http_429', retryAfterMs: 3000 }).sender.send(delivery(1, 'reply'))).toEqual({ status: 'retry', error: 'http_429', retryAfterMs: 3000 });
    expect(await sender(false, { ok: false, kind: 'window_closed', code: 'http_400:graph_10:2018278' }).sender.send(delivery(1, 'reply'))).toEqual({ status: 'window_closed', error: 'http_400:graph_10:2018278' });
    expect(await sender(false, { ok: false, kind: 'permanent', code: 'http_400:graph_100' }).sender.send(delivery(1, 'reply'))).toEqual({ status: 'failed', error: 'http_400:graph_100' });
  });
});
