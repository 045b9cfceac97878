import { ActionTypes, ActivityTypes, CardFactory, type Activity, type Attachment } from 'botbuilder';
import { localized, type DirectoryEntries, type DirectoryEntry } from '../../src/directory/DirectoryEntries.js';
import type { Locale, Texts } from '../../src/i18n.js';

/** The `tel:` URI of a number as dialled in Vietnam ("024 3942 1234" → "tel:02439421234"). */
export function telUri(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/**
 * Tap-to-call buttons as a card of `call` actions: Bot Framework clients dial the `tel:` URI, and
 * the Messenger and Zalo adapters turn each into their own call button (a card stays with its
 * message, where suggested actions would vanish with the next one).
 */
export function callCard(texts: Texts, locale: Locale, entries: readonly DirectoryEntry[]): Attachment {
  const t = texts.t(locale);
  return CardFactory.heroCard(
    '',
    undefined,
    entries.map((entry) => ({ type: ActionTypes.Call, title: t('directory:call', { phone: entry.phone }), value: telUri(entry.phone) })),
  );
}

/** One place as a message: name and kind, phone, hours, what it offers, address, and its call button. */
export function entryMessage(texts: Texts, locale: Locale, entry: DirectoryEntry): Partial<Activity> {
  const t = texts.t(locale);
  const hours = localized(entry.hours, locale);
  const lines = [
    t('directory:entry.title', { name: localized(entry.name, locale), kind: t(`directory:kind.${entry.kind}`) }),
    t('directory:entry.phone', { phone: entry.phone }),
    hours && t('directory:entry.hours', { hours }),
    entry.offers.length > 0 && t('directory:entry.offers', { offers: entry.offers.map((offer) => t(`directory:offer.${offer}`)).join(', ') }),
    entry.address && t('directory:entry.address', { address: entry.address }),
  ];
  return { type: ActivityTypes.Message, text: lines.filter(Boolean).join('\n'), attachments: [callCard(texts, locale, [entry])] };
}

/**
 * The national numbers (113, 115, 111) in one message with a call button each, after `lead`
 * (a line that says why they are shown) when there is one.
 */
export async function nationalMessage(texts: Texts, locale: Locale, directory: DirectoryEntries, lead?: string): Promise<Partial<Activity>> {
  const t = texts.t(locale);
  const national = await directory.nearest(undefined);
  const lines = national.map((entry) => t('directory:nationalLine', { phone: entry.phone, name: localized(entry.name, locale) }));
  return { type: ActivityTypes.Message, text: [...(lead ? [lead] : []), t('directory:national'), ...lines].join('\n'), attachments: [callCard(texts, locale, national)] };
}

/** At most this many local places are listed; the nearest come first. */
export const MAX_LOCAL_ENTRIES = 5;

/**
 * The local places nearest to an area (not the national numbers), as messages, at most `limit`,
 * with a line saying how many more there are. Empty when the area has none.
 */
export async function nearbyMessages(
  texts: Texts,
  locale: Locale,
  directory: DirectoryEntries,
  areaCode: string,
  limit = MAX_LOCAL_ENTRIES,
): Promise<Partial<Activity>[]> {
  const entries = await directory.nearest(areaCode, { national: false });
  const messages = entries.slice(0, limit).map((entry) => entryMessage(texts, locale, entry));
  const more = entries.length - limit;
  if (more > 0) messages.push({ type: ActivityTypes.Message, text: texts.t(locale)('directory:more', { count: more }) });
  return messages;
}
