import type { Activity } from 'botbuilder';
import { OutboxAdapter } from '../../outbound/OutboxAdapter.js';
import { convertActivityToZaloMessages } from './convertActivityToZaloMessages.js';

/** The Zalo channel's botbuilder adapter: replies become consultation messages in the outbox. */
export class ZaloAdapter extends OutboxAdapter {
  protected override toPlatformMessages(activity: Partial<Activity>): unknown[] {
    return convertActivityToZaloMessages(activity);
  }

  /** The OA OpenAPI has no typing indicator. */
  protected override async sendTyping(): Promise<void> {}
}
