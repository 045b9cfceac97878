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
  /** Other payloads that open this entry, e.g. a button another feature offers. */
  readonly aliases?: readonly string[];
  /** The dialog the entry starts; the main dialog adds it to its dialog set. */
  readonly dialog: Dialog;
}

/**
 * The main menu as a registry: each feature registers its entry at composition time, so an option
 * exists exactly when its dialog does.
 */
export class MenuRegistry {
  private readonly list: MenuEntry[] = [];

  /** Adds an entry at the end of the menu. Ids must be unique. */
  register(entry: MenuEntry): this {
    if (this.list.some((existing) => existing.id === entry.id)) {
      throw new Error(`Menu entry ${entry.id} registered twice`);
    }
    this.list.push(entry);
    return this;
  }

  /** The entries in menu order. */
  entries(): readonly MenuEntry[] {
    return this.list;
  }
}
