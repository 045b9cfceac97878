import type { Dialog } from 'botbuilder-dialogs';

/** One option of the main menu, contributed by a feature (reporting, legal information, ...). */
export interface MenuEntry {
  /** Button payload, e.g. `menu.legal`. */
  readonly id: string;
  /** i18n key of the button label. */
  readonly labelKey: string;
  /**
   * i18n key of an array of phrases that open this entry when a message contains one of them,
   * e.g. "hỏi luật" for legal information.
   */
  readonly triggersKey?: string;
  /**
   * The entry opens from any point of the conversation, not only from the menu: by its id, one of
   * its {@link aliases}, or its trigger phrases (e.g. asking for a counselor in the middle of a form).
   */
  readonly anywhere?: boolean;
  /** Other payloads that open this entry from any point of the conversation, e.g. a button another feature offers. */
  readonly aliases?: readonly string[];
  /** The dialog the entry starts; the main dialog adds it to its dialog set. */
  readonly dialog: Dialog;
  /**
   * Last resort for free text at the main menu that no button or trigger phrase matched: true when
   * this feature can handle the message anyway (legal information: the text reads like a question
   * its content answers). Asked in menu order; keep it fast, it runs on the message path.
   */
  readonly recognizes?: (text: string) => boolean;
}

/** Well-known entry id of talking to a counselor (the handoff feature registers it). */
export const HANDOFF_ENTRY_ID = 'menu.handoff';

/** What the main menu passes to an entry's dialog when free text (not a button) opened it. */
export interface MenuEntryOptions {
  /** The message that opened the entry, so the feature can act on it at once. */
  readonly utterance?: string;
}

/**
 * What an entry's dialog may return when it ends: `next` names another entry to open straight
 * away (e.g. "talk to a counselor" from legal information). Ignored when no such entry exists.
 */
export interface MenuEntryResult {
  readonly next?: string;
}

/**
 * The main menu as a registry: each feature registers its entry at composition time, so an option
 * exists exactly when its dialog does.
 */
export class MenuRegistry {
  private readonly list: MenuEntry[] = [];
  private readonly leading = new Set<string>();

  /**
   * Adds an entry. Ids must be unique.
   * @param options.first - show it before the entries without this flag (what a frightened
   *   person needs most comes first, whatever order the features were built in). Matching of
   *   typed words keeps the registration order, so ties between features do not change.
   */
  register(entry: MenuEntry, options: { first?: boolean } = {}): this {
    if (this.list.some((existing) => existing.id === entry.id)) {
      throw new Error(`Menu entry ${entry.id} registered twice`);
    }
    this.list.push(entry);
    if (options.first) this.leading.add(entry.id);
    return this;
  }

  /** The entries as the menu shows them: those registered `first`, then the rest, each in registration order. */
  shown(): readonly MenuEntry[] {
    return [...this.list.filter((entry) => this.leading.has(entry.id)), ...this.list.filter((entry) => !this.leading.has(entry.id))];
  }

  /** Whether an entry with this id is registered. */
  has(id: string): boolean {
    return this.list.some((entry) => entry.id === id);
  }

  /** The entries in registration order (the order typed words are matched in). */
  entries(): readonly MenuEntry[] {
    return this.list;
  }
}
