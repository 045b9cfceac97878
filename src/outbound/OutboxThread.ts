import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { backoffDelay } from '../store/backoffDelay.js';
import type { BackgroundWorker } from '../store/LaneWorker.js';
import type { Outbox } from './Outbox.js';

/** What the outbox thread starts with. */
export interface OutboxThreadData {
  readonly config: Config;
}

/** What the main thread tells the outbox thread. */
export type ToOutboxThread = { type: 'wake' } | { type: 'drain'; id: number; horizonMs: number } | { type: 'stop' };

/** What the outbox thread tells the main thread. */
export type FromOutboxThread =
  | { type: 'ready' }
  | { type: 'drained'; id: number; ok: boolean }
  /** It could not start (its configuration, say): it exits and is started again after a pause. */
  | { type: 'failed'; reason: string };

/** How long a stopping thread may take to finish its sends before it is ended. */
const STOP_TIMEOUT_MS = 30_000;
/** Longest pause before a thread that died is started again. */
const MAX_RESTART_DELAY_MS = 60_000;
/** A thread that ran this long before it ended starts the pauses over from the shortest. */
const STABLE_UPTIME_MS = 60_000;

/**
 * The outbox worker in a thread of its own. Node runs a service's JavaScript on one core: under
 * load the turns and the sends then take turns on it while the machine's other core waits. Sending
 * (the platform calls, their answers, opening the sealed bodies, recording each send) is a third of
 * a first contact's work and needs nothing of the turn but the outbox rows, so it runs beside the
 * turns instead. The thread shares only PostgreSQL with the main thread, exactly as another instance
 * would: the exactly-once and per-person order guarantees are the outbox's own, unchanged.
 *
 * A thread that dies (out of memory, a start-up failure) is started again with growing pauses;
 * meanwhile messages wait in the outbox. Only for PostgreSQL: the embedded database belongs to the
 * main thread.
 */
export class OutboxThread implements BackgroundWorker {
  private thread: Worker | undefined;
  private running = false;
  private restarts = 0;
  private readyAt: number | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private wakeQueued = false;
  private nextDrainId = 0;
  private readonly drains = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  /**
   * @param options.outbox - the main thread's outbox: each enqueue wakes the thread.
   * @param options.config - the service's configuration, handed to each thread as it starts (a
   *   copy), so the thread runs with exactly the settings the service was started with.
   */
  constructor(private readonly options: { outbox: Outbox; logger: Logger; config: Config }) {
    options.outbox.onEnqueue(() => this.wake());
  }

  /** Starts the thread (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.spawn();
  }

  /** Tells the thread new messages are there; wakes of one event-loop turn go as one message. */
  wake(): void {
    if (this.wakeQueued || !this.thread) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      this.post({ type: 'wake' });
    });
  }

  /** Resolves when the thread's worker has drained (see LaneWorker.drain). */
  drain(horizonMs = 10_000): Promise<void> {
    const id = this.nextDrainId++;
    return new Promise<void>((resolve, reject) => {
      if (!this.thread) return reject(new Error('the outbox thread is not running'));
      this.drains.set(id, { resolve, reject });
      this.post({ type: 'drain', id, horizonMs });
    });
  }

  /** Lets the sends in hand finish, then ends the thread. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    const thread = this.thread;
    if (!thread) return;
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    this.post({ type: 'stop' });
    const timer = setTimeout(() => void thread.terminate(), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private post(message: ToOutboxThread): void {
    this.thread?.postMessage(message);
  }

  private spawn(): void {
    const { logger } = this.options;
    // Compiled, the entry is JavaScript beside this file; run from TypeScript (tests, tsx), the
    // thread needs the same loader.
    const extension = path.extname(__filename);
    const thread = new Worker(path.join(__dirname, `outboxThreadMain${extension}`), {
      workerData: { config: this.options.config } satisfies OutboxThreadData,
      execArgv: extension === '.ts' ? ['--require', 'tsx/cjs'] : [],
      // A leak ends the thread (and it is started again), not the process with the turns in it.
      resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
    });
    this.thread = thread;
    thread.on('message', (message: FromOutboxThread) => {
      switch (message.type) {
        case 'ready':
          this.readyAt = Date.now();
          logger.info({ thread: 'outbox' }, 'outbox thread started');
          return;
        case 'drained': {
          const drain = this.drains.get(message.id);
          this.drains.delete(message.id);
          if (message.ok) drain?.resolve();
          else drain?.reject(new Error('the outbox thread could not drain'));
          return;
        }
        case 'failed':
          logger.error({ thread: 'outbox', reason: message.reason }, 'outbox thread could not start');
          return;
      }
    });
    thread.on('error', (error) => {
      // ERR_WORKER_OUT_OF_MEMORY when it reached its limits.
      const code = (error as NodeJS.ErrnoException).code;
      logger.error({ thread: 'outbox', err: { type: error.name, code, message: error.message } }, 'outbox thread failed');
    });
    thread.on('exit', (code) => {
      // A thread stopped and replaced before it ended is no longer this one's business.
      if (this.thread !== thread) return;
      this.thread = undefined;
      for (const drain of this.drains.values()) drain.reject(new Error('the outbox thread ended'));
      this.drains.clear();
      if (!this.running) return;
      // Pauses grow while the thread keeps ending soon after it started, whatever made it end.
      if (this.readyAt !== undefined && Date.now() - this.readyAt >= STABLE_UPTIME_MS) this.restarts = 0;
      this.readyAt = undefined;
      const delayMs = backoffDelay(++this.restarts, 500, MAX_RESTART_DELAY_MS);
      logger.error({ thread: 'outbox', code, restartInMs: delayMs }, 'outbox thread ended; messages wait in the outbox until it is back');
      this.restartTimer = setTimeout(() => this.spawn(), delayMs);
    });
  }
}
