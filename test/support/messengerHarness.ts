import nock from 'nock';
import { GRAPH, PAGE_TOKEN, type SentMessage } from './messengerWebhooks.js';

export * from './messengerWebhooks.js';

/**
 * Intercepts Send API calls: typing indicators are answered and dropped, messages recorded.
 * @param reply - status and body per message call, in order; default 200 with a message id.
 */
export function recordSendApi(replies: { status: number; body: unknown; headers?: Record<string, string> }[] = []): SentMessage[] {
  const sent: SentMessage[] = [];
  let call = 0;
  nock(GRAPH)
    .persist()
    .post('/v21.0/me/messages')
    .query({ access_token: PAGE_TOKEN })
    // nock 15 hands a reply function the fetch Request itself.
    .reply(async (request: Request) => {
      const message = (await request.json()) as SentMessage;
      if (message.sender_action) return [200, { recipient_id: message.recipient.id }] as const;
      const reply = replies[call++] ?? { status: 200, body: { recipient_id: message.recipient.id, message_id: `m_out_${call}` } };
      if (reply.status === 200) sent.push(message);
      return [reply.status, reply.body as nock.Body, reply.headers ?? {}] as const;
    });
  return sent;
}
