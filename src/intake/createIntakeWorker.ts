import type { Logger } from '../logger.js';
import { LaneWorker } from '../store/LaneWorker.js';
import type { InboundEvents, InboundRow, StoredInboundEvent } from './InboundEvents.js';

/** A channel's way of running the bot on one of its stored events. */
export interface InboundProcessor {
  process(event: StoredInboundEvent): Promise<void>;
}

/**
 * The intake worker: runs the bot on stored events, one at a time per person, many people at once.
 * A turn that throws is retried with backoff, then marked failed (logged, never silently dropped).
 */
export function createIntakeWorker(deps: {
  inbound: InboundEvents;
  processors: ReadonlyMap<string, InboundProcessor>;
  logger: Logger;
  concurrency: number;
}): LaneWorker<InboundRow> {
  return new LaneWorker<InboundRow>({
    name: 'intake',
    queue: deps.inbound.queue,
    concurrency: deps.concurrency,
    maxAttempts: 5,
    logger: deps.logger,
    handle: async ([row]) => {
      const event = deps.inbound.toStored(row!);
      const processor = deps.processors.get(event.channel);
      if (!processor) {
        deps.logger.error({ channel: event.channel, seq: event.seq }, 'no processor for channel');
        await deps.inbound.queue.finish(event.seq, 'failed', { last_error: 'no_processor' });
        return;
      }
      await processor.process(event);
      await deps.inbound.markDone(event.seq);
    },
  });
}
