import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { PersonRef } from './personOf.js';

/** Whose data to erase, and the turn they asked in (bot state is reached through it). */
export interface ErasureRequest {
  readonly person: PersonRef;
  readonly context: TurnContext;
}

/** One kind of personal data and how to erase it. Features that store data register one. */
export interface DataEraser {
  /** What it erases, for logs and tests (e.g. `conversation-state`, `transcripts`). */
  readonly name: string;
  erase(request: ErasureRequest): Promise<void>;
}

/** What an erasure did. */
export interface ErasureResult {
  readonly erased: readonly string[];
  readonly failed: readonly string[];
}

/**
 * "Delete my data": a registry of erasers, one per store of personal data (conversation and user
 * state, report drafts and reports, counselor requests; the channels, intake, transcripts and
 * reminders add theirs). Every eraser runs even when another fails, so one broken store does not
 * keep the rest.
 */
export class PersonalDataEraser {
  private readonly erasers: DataEraser[] = [];

  constructor(private readonly logger: Logger) {}

  /** Adds an eraser; names must be unique. */
  register(eraser: DataEraser): this {
    if (this.erasers.some((existing) => existing.name === eraser.name)) throw new Error(`eraser ${eraser.name} registered twice`);
    this.erasers.push(eraser);
    return this;
  }

  /** Runs every eraser in registration order. */
  async eraseAll(request: ErasureRequest): Promise<ErasureResult> {
    const erased: string[] = [];
    const failed: string[] = [];
    for (const eraser of this.erasers) {
      try {
        await eraser.erase(request);
        erased.push(eraser.name);
      } catch (error) {
        failed.push(eraser.name);
        // Which store failed and why, never whose data it was.
        this.logger.error({ eraser: eraser.name, err: { type: (error as Error).name, message: (error as Error).message } }, 'personal data erasure failed');
      }
    }
    return { erased, failed };
  }
}
