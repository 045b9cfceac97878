import { CounselorHours } from '../../src/handoff/CounselorHours.js';
import { HandoffEvents, type HandoffEvent } from '../../src/handoff/HandoffEvents.js';
import { HandoffService } from '../../src/handoff/HandoffService.js';
import type { PersonDelivery } from '../../src/handoff/PersonDelivery.js';
import type { MessagePurpose } from '../../src/outbound/ChannelSender.js';
import type { SqlExecutor } from '../../src/store/Database.js';
import { loadTexts } from './botHarness.js';
import { ALWAYS_OPEN } from './testApp.js';
import { testSecretBox } from './testSecretBox.js';

/** Nobody on duty, ever: every request is outside hours. */
export const NEVER_OPEN = new CounselorHours({ default: [], areas: {} });

/** A message the fake delivery was asked to send. */
export interface Delivered {
  readonly personId: string;
  readonly text: string;
  readonly purpose: MessagePurpose;
}

/** A HandoffService on a database with a recording delivery and event log. */
export async function createTestHandoff(sql: SqlExecutor, options: { hours?: CounselorHours; waitMinutes?: number; defaultArea?: string } = {}) {
  const delivered: Delivered[] = [];
  const events: HandoffEvent[] = [];
  const delivery: PersonDelivery = {
    send: async (to, text, purpose) => {
      delivered.push({ personId: to.personId, text, purpose });
      return undefined;
    },
  };
  const handoffEvents = new HandoffEvents();
  handoffEvents.subscribe((event) => events.push(event));
  const service = new HandoffService({
    sql,
    secretBox: testSecretBox(),
    events: handoffEvents,
    delivery,
    hours: options.hours ?? ALWAYS_OPEN,
    texts: await loadTexts(),
    waitMinutes: options.waitMinutes ?? 10,
    defaultArea: options.defaultArea,
  });
  return { service, delivered, events };
}
