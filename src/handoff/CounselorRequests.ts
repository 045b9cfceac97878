import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { SecretBox } from '../crypto/SecretBox.js';
import type { PersonRef } from '../privacy/personOf.js';
import type { Database } from '../store/Database.js';

/** A request to talk to a counselor, as the chat records it. */
export interface NewCounselorRequest {
  readonly person: PersonRef;
  readonly priority: 'urgent' | 'normal';
  /** Why, in a word the inbox can show: a danger category or the feature that asked. */
  readonly reason: string;
  /** The area the request is routed to (see TrustedAddressLookup.coveringArea). */
  readonly routedAreaCode: string;
  /** Where to answer: asking for a counselor is agreeing to be written to in this chat. */
  readonly conversation: Partial<ConversationReference>;
}

const conversationContext = (id: string) => `counselor_request:${id}:conversation`;

/**
 * Requests to talk to a counselor, waiting for the inbox. One open request per person: asking
 * again raises the priority of the open one instead of queueing twice.
 */
export class CounselorRequests {
  constructor(
    private readonly db: Database,
    private readonly secretBox: SecretBox,
  ) {}

  /** Records the request (or updates the person's open one); returns its id. */
  async request(request: NewCounselorRequest): Promise<string> {
    const open = await this.db.prisma.counselorRequest.findFirst({
      where: { pseudonym: request.person.pseudonym, status: 'open' },
      select: { id: true, priority: true },
    });
    if (open) {
      const priority = open.priority === 'urgent' ? 'urgent' : request.priority;
      await this.db.prisma.counselorRequest.update({
        where: { id: open.id },
        data: {
          priority,
          reason: request.reason,
          routedAreaCode: request.routedAreaCode,
          conversationSealed: this.secretBox.sealJson(request.conversation, conversationContext(open.id)),
        },
      });
      return open.id;
    }
    const id = randomUUID();
    await this.db.prisma.counselorRequest.create({
      data: {
        id,
        pseudonym: request.person.pseudonym,
        channel: request.person.channel,
        priority: request.priority,
        reason: request.reason,
        routedAreaCode: request.routedAreaCode,
        conversationSealed: this.secretBox.sealJson(request.conversation, conversationContext(id)),
      },
    });
    return id;
  }

  /**
   * "Delete my data": open requests are withdrawn; answered ones keep only what statistics need
   * (no pseudonym, no way back to the chat).
   */
  async eraseFor(pseudonym: string): Promise<void> {
    await this.db.prisma.counselorRequest.deleteMany({ where: { pseudonym, status: 'open' } });
    await this.db.prisma.counselorRequest.updateMany({ where: { pseudonym }, data: { pseudonym: null, conversationSealed: null } });
  }
}
