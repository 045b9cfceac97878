import type { TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { HANDOFF_ENTRY_ID, type MenuEntry, type MenuEntryOptions, type MenuEntryResult, type MenuRegistry } from '../src/bot/MenuRegistry.js';
import { turnLocale } from '../src/bot/turnLocale.js';
import type { Locale, Texts } from '../src/i18n.js';
import { splitMessage } from '../src/legal/articleExcerpt.js';
import type { ArticleRef } from '../src/legal/LegalLibrary.js';
import type { LegalAnswer, LegalService } from '../src/legal/LegalService.js';
import { UNANSWERED_TOPIC, type LegalTopicCounter } from '../src/legal/LegalTopicCounter.js';
import { equalsAny } from '../src/text/foldText.js';
import { choiceMessage, matchChoice, type Choice } from './shared/choices.js';

export const LEGAL_DIALOG = 'legal';
/** The main-menu entry of legal information. */
export const LEGAL_MENU_ID = 'menu.legal';
const LOOP = 'legal.loop';
const PROMPT = 'legal.prompt';

/** Items per page of a menu: with "more" and "back", 10 buttons, within every channel's limit. */
export const PAGE_SIZE = 8;
/** Buttons to read cited articles and related topics shown under an answer. */
const MAX_ARTICLE_BUTTONS = 2;
const MAX_RELATED_BUTTONS = 3;
/** Longest message sent (Messenger and Zalo cut at 2,000 characters). */
const MAX_MESSAGE_CHARS = 1800;
/** The card offered when no counselor can be reached from here and the bot does not know. */
const HELP_CARD_ID = 'where-to-get-help';

/** Button payloads of this dialog; the part after the colon is the argument. */
const PAYLOAD = {
  topics: 'legal.topics',
  topic: 'legal.topic:',
  page: 'legal.page:',
  card: 'legal.card:',
  article: 'legal.article:',
  exit: 'legal.exit',
} as const;

/** What the dialog is showing, and so which buttons the next message is matched against. */
type View =
  | { readonly kind: 'topics'; readonly page: number }
  | { readonly kind: 'topic'; readonly topic: string; readonly page: number }
  /** After an answer: read the cited articles, related topics. */
  | { readonly kind: 'answer'; readonly articles: readonly string[]; readonly related: readonly string[] }
  /** After "I don't know". */
  | { readonly kind: 'unknown' };

interface LegalDialogOptions extends MenuEntryOptions {
  readonly view?: View;
}

interface StepValues {
  view?: View;
}

/** Services the legal dialog needs, passed in by the composition root. */
export interface LegalDialogServices {
  readonly texts: Texts;
  readonly legal: LegalService;
  /** The main menu, to know whether "talk to a counselor" can be offered. */
  readonly menu: MenuRegistry;
  /** Counts answers per topic for the statistics (none in tests that do not need it). */
  readonly topics?: LegalTopicCounter;
}

/**
 * Legal information: a paged topic menu, and free questions at any time. An answer is the best
 * topic card, or the best article excerpt, with its citation ("Điều 8, Luật Hôn nhân và gia đình
 * 2014"), buttons to read the full article and related topics, a one-line "not legal advice" note
 * and an offer to talk to a counselor. When nothing fits well enough the bot says it does not know.
 */
export class LegalDialog extends ComponentDialog {
  constructor(private readonly services: LegalDialogServices) {
    super(LEGAL_DIALOG);
    this.addDialog(new TextPrompt(PROMPT));
    this.addDialog(new WaterfallDialog(LOOP, [this.present.bind(this), this.handle.bind(this)]));
    this.initialDialogId = LOOP;
  }

  /** Acts on the message that opened the dialog, if any, then shows the current view's buttons. */
  private async present(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as LegalDialogOptions;
    let view = options.view;
    if (!view) {
      const utterance = options.utterance?.trim();
      view = utterance && !equalsAny(utterance, this.services.texts.listAll('legal:openMenu')) ? await this.ask(step.context, utterance) : { kind: 'topics', page: 0 };
    }
    (step.values as StepValues).view = view;
    const locale = turnLocale(step.context);
    return step.prompt(PROMPT, { prompt: choiceMessage(this.promptText(view, locale), this.choices(view, locale)) });
  }

  /** A button or a free question. */
  private async handle(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const reply = typeof step.result === 'string' ? step.result.trim() : '';
    const view = (step.values as StepValues).view ?? { kind: 'topics', page: 0 };
    const locale = turnLocale(context);
    // An older button of this dialog still works when tapped again.
    const id = matchChoice(reply, this.choices(view, locale))?.id ?? (reply.startsWith('legal.') ? reply : undefined);
    if (id === PAYLOAD.exit) return step.endDialog();
    if (id === HANDOFF_ENTRY_ID) return step.endDialog({ next: HANDOFF_ENTRY_ID } satisfies MenuEntryResult);
    const next = id ? await this.act(context, id, view) : reply ? await this.ask(context, reply) : view;
    return step.replaceDialog(LOOP, { view: next } satisfies LegalDialogOptions);
  }

  /** Carries out a button; returns the view to show next. */
  private async act(context: TurnContext, id: string, view: View): Promise<View> {
    const argument = (prefix: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : undefined);
    const locale = turnLocale(context);
    if (id === PAYLOAD.topics) return { kind: 'topics', page: 0 };
    const topic = argument(PAYLOAD.topic);
    if (topic !== undefined) return { kind: 'topic', topic, page: 0 };
    const page = argument(PAYLOAD.page);
    if (page !== undefined && (view.kind === 'topics' || view.kind === 'topic')) return { ...view, page: Number(page) || 0 };
    const cardId = argument(PAYLOAD.card);
    const cardAnswer = cardId !== undefined ? this.services.legal.cardAnswer(cardId, locale) : undefined;
    if (cardAnswer) return this.tell(context, cardAnswer);
    const article = argument(PAYLOAD.article);
    const ref = article !== undefined ? this.articleRef(article) : undefined;
    if (ref) {
      await context.sendActivities(splitMessage(this.fullArticleText(ref, locale), MAX_MESSAGE_CHARS).map((text) => ({ type: 'message', text })));
      return view;
    }
    return view;
  }

  /** Answers a free question, or says honestly that it does not know. */
  private async ask(context: TurnContext, question: string): Promise<View> {
    const locale = turnLocale(context);
    const answer = await this.services.legal.answer(question, locale);
    if (answer) return this.tell(context, answer);
    await this.services.topics?.record(UNANSWERED_TOPIC);
    await context.sendActivity(this.t(locale)('legal:dontKnow'));
    return { kind: 'unknown' };
  }

  /** Sends an answer; the next view offers its articles and related topics. */
  private async tell(context: TurnContext, answer: LegalAnswer): Promise<View> {
    const locale = turnLocale(context);
    const cited = answer.citations[0];
    const topic = answer.cardId ?? (cited ? `article:${articleKey(cited.ref)}` : undefined);
    if (topic) await this.services.topics?.record(topic);
    for (const text of splitMessage(this.answerText(answer, locale), MAX_MESSAGE_CHARS)) await context.sendActivity(text);
    return {
      kind: 'answer',
      articles: answer.citations.slice(0, MAX_ARTICLE_BUTTONS).map(({ ref }) => articleKey(ref)),
      related: answer.related.slice(0, MAX_RELATED_BUTTONS).map((card) => card.id),
    };
  }

  /** Title, body, citation line, notes on replaced laws, and the "not legal advice" line. */
  private answerText(answer: LegalAnswer, locale: Locale): string {
    const t = this.t(locale);
    const quotesVietnamese = answer.kind === 'article' && locale === 'en' && answer.citations.some(({ ref }) => ref.article.text !== null);
    return [
      answer.title,
      ...(quotesVietnamese ? [t('legal:viOnly')] : []),
      answer.body,
      t('legal:sourcesLine', { citations: this.services.legal.library.formatCitations(answer.citations, locale) }),
      ...this.repealedNotes(answer.citations.map(({ ref }) => ref), locale),
      t('legal:note'),
    ].join('\n');
  }

  /** An article in full, with its citation and, for a replaced law, the history note first. */
  private fullArticleText(ref: ArticleRef, locale: Locale): string {
    const t = this.t(locale);
    const { article } = ref;
    const citation = this.services.legal.library.formatCitation(ref, locale);
    const lines = [t('legal:articleSource', { citation, title: article.title }), ...this.repealedNotes([ref], locale)];
    if (article.text === null) lines.push(t('legal:noFullText'), article.summary?.[locale] ?? '');
    else lines.push(...(locale === 'en' ? [t('legal:viOnly')] : []), article.text);
    return lines.filter(Boolean).join('\n');
  }

  /** One line per replaced law among the refs: it is history, not the rule in force. */
  private repealedNotes(refs: readonly ArticleRef[], locale: Locale): string[] {
    const laws = [...new Set(refs.map(({ law }) => law))].filter((law) => !this.services.legal.library.isCurrent(law));
    return laws.map((law) => this.t(locale)('legal:repealedNote', { lawId: law.lawId, repealedBy: law.repealedBy ?? '?' }));
  }

  private promptText(view: View, locale: Locale): string {
    const t = this.t(locale);
    switch (view.kind) {
      case 'topics':
        return t('legal:topicsPrompt');
      case 'topic':
        return t('legal:topicPrompt', { topic: this.topicLabel(view.topic, locale) });
      case 'answer':
        return t('legal:nextPrompt');
      case 'unknown':
        return t(this.counselorAvailable() ? 'legal:dontKnowCounselor' : 'legal:dontKnowNoCounselor');
    }
  }

  /** The buttons of a view, in order; never more than {@link PAGE_SIZE} + 2. */
  private choices(view: View, locale: Locale): Choice[] {
    const t = this.t(locale);
    const { library } = this.services.legal;
    const exit: Choice = { id: PAYLOAD.exit, label: t('legal:buttons.mainMenu') };
    const topics: Choice = { id: PAYLOAD.topics, label: t('legal:buttons.topics') };
    const counselor: Choice[] = this.counselorAvailable() ? [{ id: HANDOFF_ENTRY_ID, label: t('legal:buttons.counselor') }] : [];
    const card = (id: string): Choice[] => {
      const found = library.card(id);
      return found ? [{ id: `${PAYLOAD.card}${found.id}`, label: found.title[locale] }] : [];
    };
    switch (view.kind) {
      case 'topics': {
        const all = this.topics(locale).map((topic) => ({ id: `${PAYLOAD.topic}${topic}`, label: this.topicLabel(topic, locale) }));
        return this.paged(all, view.page, view.page > 0 ? { id: `${PAYLOAD.page}${view.page - 1}`, label: t('legal:buttons.back') } : exit, t);
      }
      case 'topic': {
        const all = library.cardsOfTopic(view.topic).flatMap((found) => card(found.id));
        return this.paged(all, view.page, view.page > 0 ? { id: `${PAYLOAD.page}${view.page - 1}`, label: t('legal:buttons.back') } : { ...topics, label: t('legal:buttons.back') }, t);
      }
      case 'answer': {
        const articles = view.articles.flatMap((key) => {
          const ref = this.articleRef(key);
          return ref ? [{ id: `${PAYLOAD.article}${key}`, label: t('legal:buttons.readArticle', { number: ref.article.number }) }] : [];
        });
        return [...articles, ...view.related.flatMap(card), ...counselor, topics, exit];
      }
      case 'unknown':
        return [...(counselor.length > 0 ? counselor : card(HELP_CARD_ID)), topics, exit];
    }
  }

  /** One page of items, then "more" when there is a next page, then the way back. */
  private paged(all: Choice[], page: number, back: Choice, t: TFunction): Choice[] {
    const start = Math.min(page, Math.max(0, Math.ceil(all.length / PAGE_SIZE) - 1)) * PAGE_SIZE;
    const items = all.slice(start, start + PAGE_SIZE);
    const more: Choice[] = start + PAGE_SIZE < all.length ? [{ id: `${PAYLOAD.page}${start / PAGE_SIZE + 1}`, label: t('legal:buttons.more') }] : [];
    return [...items, ...more, back];
  }

  /** The cards' topics in the order of `legal.topics` in the locale file; others after them. */
  private topics(locale: Locale): string[] {
    const labelled = Object.keys(this.t(locale)('legal:topics', { returnObjects: true, defaultValue: {} }) as Record<string, string>);
    const rank = (topic: string) => (labelled.includes(topic) ? labelled.indexOf(topic) : labelled.length);
    return this.services.legal.library.topics().sort((a, b) => rank(a) - rank(b));
  }

  private topicLabel(topic: string, locale: Locale): string {
    return this.t(locale)(`legal:topics.${topic}`, { defaultValue: topic });
  }

  private counselorAvailable(): boolean {
    return this.services.menu.has(HANDOFF_ENTRY_ID);
  }

  private articleRef(key: string): ArticleRef | undefined {
    const separator = key.lastIndexOf('#');
    return separator > 0 ? this.services.legal.library.article(key.slice(0, separator), Number(key.slice(separator + 1))) : undefined;
  }

  private t(locale: Locale): TFunction {
    return this.services.texts.t(locale);
  }
}

/** `lawId#article`, the key of an article in payloads. */
function articleKey(ref: ArticleRef): string {
  return `${ref.law.lawId}#${ref.article.number}`;
}

/**
 * The main-menu entry: "Thông tin pháp luật", opened by its button, by trigger phrases ("hỏi luật",
 * "ly hôn", ...), or by any free text at the main menu that the legal content answers.
 */
export function legalMenuEntry(services: LegalDialogServices): MenuEntry {
  return {
    id: LEGAL_MENU_ID,
    labelKey: 'legal:menuLabel',
    triggersKey: 'legal:triggers',
    dialog: new LegalDialog(services),
    recognizes: (text) => services.legal.recognizes(text),
  };
}
