import type { Request, Response, Server } from 'restify';
import type { InboundEnvelope, InboundEvents } from '../../intake/InboundEvents.js';
import { jsonBody, sendError, type JsonRequest } from '../../http/jsonBody.js';
import type { Logger } from '../../logger.js';
import { classifyMessengerEvent } from './classifyMessengerEvent.js';
import { MESSENGER_CHANNEL } from '../channelIds.js';
import { messengerWebhookSchema } from './messengerSchemas.js';
import { verifyMessengerSignature } from './verifyMessengerSignature.js';
import { timingSafeEqual } from 'node:crypto';

/** What the Messenger webhook needs. */
export interface MessengerWebhookDeps {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly inbound: InboundEvents;
  readonly logger: Logger;
  /** Called after new events are stored (wakes the intake worker). */
  readonly onStored: () => void;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * `GET /api/messenger`: the subscription handshake. `POST /api/messenger`: signed events, each
 * stored before the 200 (Meta redelivers what it does not see acknowledged, and our reply may take
 * longer than its deadline); the bot runs afterwards from the stored rows.
 */
export function mountMessengerWebhook(server: Server, deps: MessengerWebhookDeps): void {
  server.get('/api/messenger', async (req: Request, res: Response) => {
    const query = req.getQuery();
    const params = new URLSearchParams(typeof query === 'string' ? query : '');
    const challenge = params.get('hub.challenge');
    if (params.get('hub.mode') === 'subscribe' && challenge !== null && sameSecret(params.get('hub.verify_token') ?? '', deps.verifyToken)) {
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.sendRaw(200, challenge);
      return;
    }
    sendError(res, 403, 'forbidden', 'Verification failed.');
  });

  server.post('/api/messenger', jsonBody(), async (req: Request, res: Response) => {
    const { rawBody, body } = req as JsonRequest;
    if (!verifyMessengerSignature(rawBody, req.header('x-hub-signature-256'), deps.appSecret)) {
      sendError(res, 401, 'invalid_signature', 'Missing or wrong X-Hub-Signature-256.');
      return;
    }
    const parsed = messengerWebhookSchema.safeParse(body);
    if (!parsed.success) {
      sendError(res, 400, 'invalid_payload', 'Not a Messenger webhook body.');
      return;
    }
    if (parsed.data.object !== 'page') {
      deps.logger.info({ object: parsed.data.object }, 'messenger webhook for another object ignored');
      res.sendRaw(200, 'EVENT_RECEIVED');
      return;
    }
    const envelopes: InboundEnvelope[] = [];
    for (const entry of parsed.data.entry) {
      // `standby` items belong to a conversation another app (a human inbox) controls: not ours to answer.
      if (entry.standby?.length) deps.logger.debug({ count: entry.standby.length }, 'messenger standby events ignored');
      for (const item of entry.messaging ?? []) {
        const sorted = classifyMessengerEvent(item);
        if (sorted.action === 'store') {
          envelopes.push({
            channel: MESSENGER_CHANNEL,
            dedupeKey: sorted.dedupeKey,
            platformUserId: sorted.event.sender.id,
            occurredAt: new Date(sorted.event.timestamp),
            event: sorted.event,
          });
        } else if (sorted.action === 'unsupported') {
          deps.logger.info({ type: sorted.type }, 'messenger event type not handled');
        }
      }
    }
    // A storage failure answers 500 so Meta delivers the batch again: nothing acknowledged is lost.
    const stored = await deps.inbound.record(envelopes);
    if (stored > 0) deps.onStored();
    res.sendRaw(200, 'EVENT_RECEIVED');
  });
}
