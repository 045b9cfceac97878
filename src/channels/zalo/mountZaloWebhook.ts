import type { Request, Response, Server } from 'restify';
import type { ChannelUsers } from '../../conversations/ChannelUsers.js';
import { jsonBody, sendError, type JsonRequest } from '../../http/jsonBody.js';
import type { InboundEvents } from '../../intake/InboundEvents.js';
import type { Logger } from '../../logger.js';
import { classifyZaloEvent } from './classifyZaloEvent.js';
import { ZALO_CHANNEL } from '../channelIds.js';
import { verifyZaloSignature } from './verifyZaloSignature.js';
import { zaloEventSchema } from './zaloSchemas.js';

/** What the Zalo webhook needs. */
export interface ZaloWebhookDeps {
  readonly appId: string;
  readonly oaSecretKey: string;
  /** Older events are refused as replays. */
  readonly maxAgeMs: number;
  /** How long the bot stays silent after an OA admin answered a person. */
  readonly adminPauseMs: number;
  readonly inbound: InboundEvents;
  readonly channelUsers: ChannelUsers;
  readonly logger: Logger;
  /** Called after a new event is stored (wakes the intake worker). */
  readonly onStored: () => void;
  readonly now?: () => number;
}

/**
 * `POST /api/zalo`: one signed event per request, from the app set in ZALO_APP_ID and not older
 * than the replay limit; stored before the 200 (Zalo expects the answer within about 2 seconds
 * and our reply may take longer), the bot runs afterwards from the stored row. An OA admin's own
 * message pauses the bot for that person at once, before the 200.
 */
export function mountZaloWebhook(server: Server, deps: ZaloWebhookDeps): void {
  server.post('/api/zalo', jsonBody(), async (req: Request, res: Response) => {
    const { rawBody, body } = req as JsonRequest;
    const parsed = zaloEventSchema.safeParse(body);
    const appId = parsed.success ? parsed.data.app_id : '';
    const timestamp = parsed.success ? String(parsed.data.timestamp) : '';
    if (!verifyZaloSignature(rawBody, req.header('x-zevent-signature'), appId, timestamp, deps.oaSecretKey)) {
      sendError(res, 401, 'invalid_signature', 'Missing or wrong X-ZEvent-Signature.');
      return;
    }
    if (!parsed.success) {
      sendError(res, 400, 'invalid_payload', 'Not a Zalo webhook event.');
      return;
    }
    const event = parsed.data;
    if (event.app_id !== deps.appId) {
      sendError(res, 401, 'wrong_app', 'The event is for another Zalo app.');
      return;
    }
    const now = deps.now?.() ?? Date.now();
    if (now - Number(event.timestamp) > deps.maxAgeMs) {
      sendError(res, 401, 'stale_event', 'The event timestamp is too old.');
      return;
    }
    const sorted = classifyZaloEvent(event);
    switch (sorted.action) {
      case 'store': {
        // A storage failure answers 500 so Zalo delivers the event again: nothing acknowledged is lost.
        const stored = await deps.inbound.record([
          { channel: ZALO_CHANNEL, dedupeKey: sorted.dedupeKey, platformUserId: sorted.platformUserId, occurredAt: new Date(Number(event.timestamp)), event },
        ]);
        if (stored > 0) deps.onStored();
        break;
      }
      case 'pause':
        await deps.channelUsers.pauseBot(ZALO_CHANNEL, sorted.platformUserId, new Date(now + deps.adminPauseMs));
        deps.logger.info({ channel: ZALO_CHANNEL, minutes: deps.adminPauseMs / 60_000 }, 'an OA admin answered: bot paused for that person');
        break;
      case 'ignore':
        break;
      case 'unsupported':
        deps.logger.info({ type: sorted.type }, 'zalo event type not handled');
        break;
    }
    res.json(200, { received: true });
  });
}
