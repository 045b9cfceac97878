import { EventEmitter } from 'node:events';

/** What changed in a handoff session; carries ids only, never words. */
export interface HandoffEvent {
  readonly type: 'queued' | 'claimed' | 'message' | 'closed' | 'transferred' | 'updated';
  readonly sessionId: string;
  readonly areaCode: string | null;
}

/**
 * The in-process feed of handoff changes the inbox's server-sent events listen to. With several
 * instances on PostgreSQL, {@link relayHandoffEvents} forwards each instance's events to the others.
 */
export class HandoffEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open inbox page.
    this.emitter.setMaxListeners(0);
  }

  /** A change made by this instance: tells every listener here, and the relay to the others. */
  emit(event: HandoffEvent): void {
    this.emitter.emit('event', event);
    this.emitter.emit('local', event);
  }

  /** A change another instance made (from the relay): tells the listeners here only. */
  receive(event: HandoffEvent): void {
    this.emitter.emit('event', event);
  }

  /** Listens to this instance's own changes only (the relay), until the returned function is called. */
  subscribeLocal(listener: (event: HandoffEvent) => void): () => void {
    this.emitter.on('local', listener);
    return () => this.emitter.off('local', listener);
  }

  /** Listens until the returned function is called. */
  subscribe(listener: (event: HandoffEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
