import { AutoSaveStateMiddleware, MemoryStorage, type Activity, type CardAction, type HeroCard, type Middleware, type Storage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { menuChoices } from '../../dialogs/MainDialog.js';
import { registerFeatures } from '../../src/app.js';
import { createBot, type BotHandoff, type BotRuntime } from '../../src/bot/createBot.js';
import { MenuRegistry } from '../../src/bot/MenuRegistry.js';
import { createTexts, type Locale, type Texts } from '../../src/i18n.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createServices, type Services } from '../../src/services.js';
import { seedDirectory } from '../../src/directory/seedDirectory.js';
import type { Database } from '../../src/store/Database.js';
import { botStateKey } from '../../src/store/optimisticState.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';
import { testSecretBox } from './testSecretBox.js';

let textsPromise: Promise<Texts> | undefined;
/** The real sentences from content/locales, loaded once per test file. */
export function loadTexts(): Promise<Texts> {
  return (textsPromise ??= createTexts());
}

let databasePromise: Promise<TestDatabase> | undefined;
/** One in-memory PGlite per test file for the bots' services (reports, requests). */
function sharedDatabase(): Promise<TestDatabase> {
  return (databasePromise ??= createTestDatabase('pglite'));
}

/** Closes the file's shared database; call from `afterAll`. */
export async function closeTestBots(): Promise<void> {
  const pending = databasePromise;
  databasePromise = undefined;
  if (pending) await (await pending).dispose();
}

/** A test bot and what it is built on, for assertions on stored rows. */
export type TestBot = BotRuntime & { readonly texts: Texts; readonly services: Services; readonly db: Database };

/**
 * A bot wired as in production (services, middleware, the features built on the services) on the
 * given storage (memory by default) and the file's shared database.
 * @param options.menu - a menu to use instead; the features are added to it only with `features`.
 */
export async function createTestBot(
  options: {
    storage?: Storage;
    menu?: MenuRegistry;
    features?: boolean;
    defaultLocale?: Locale;
    db?: Database;
    logger?: Logger;
    middleware?: Middleware[];
    handoff?: BotHandoff;
  } = {},
): Promise<TestBot> {
  const texts = await loadTexts();
  const db = options.db ?? (await sharedDatabase()).db;
  const services = createServices({
    db,
    storage: options.storage ?? new MemoryStorage(),
    texts,
    secretBox: testSecretBox(),
    logger: options.logger ?? createLogger('silent'),
    includeSampleDirectory: true,
  });
  // As at start-up: the danger interrupt and the directory read the seeded entries.
  await seedDirectory(services.directory);
  const runtime = createBot({
    services,
    menu: options.menu && !options.features ? options.menu : registerFeatures(options.menu ?? new MenuRegistry(), services),
    defaultLocale: options.defaultLocale ?? 'vi',
    middleware: options.middleware,
    handoff: options.handoff,
  });
  return { ...runtime, texts, services, db };
}

/** A DialogTestClient over the root dialog, with the production middleware and state saving. */
export function dialogClient(runtime: BotRuntime, channelId = 'test'): DialogTestClient {
  return new DialogTestClient(
    channelId,
    runtime.rootDialog,
    undefined,
    [...runtime.middleware, new AutoSaveStateMiddleware(runtime.userState)],
    runtime.conversationState,
  );
}

/** Where a test bot keeps the user state of the test adapter's user (`user1` on channel `test`). */
export function userStateKey(bot: Pick<TestBot, 'services'>): string {
  return botStateKey('users', 'test', 'user1', (channel, id) => bot.services.secretBox.pseudonym(channel, id));
}

/**
 * The main menu's button titles of a test bot, from its MenuRegistry: tests that show the menu
 * follow the registered features instead of copying the list.
 */
export function menuButtons(bot: Pick<TestBot, 'texts' | 'menu'>, locale: Locale): string[] {
  return menuChoices(bot.texts, bot.menu, locale).map((choice) => choice.label);
}

/** Button titles of a reply, for assertions. */
export function buttonTitles(activity: Partial<Activity> | undefined): string[] {
  return (activity?.suggestedActions?.actions ?? []).map((action) => String(action.title));
}

/** The tap-to-call buttons of a message (the directory's call card): title, action type and tel: URI. */
export function callButtons(activity: Partial<Activity> | undefined): unknown[][] {
  return (activity?.attachments ?? []).flatMap((attachment) => (attachment.content as HeroCard).buttons ?? []).map((action: CardAction) => [action.title, action.type, action.value]);
}

/** Every message of one turn. */
export async function turnReplies(client: DialogTestClient, says: string): Promise<Partial<Activity>[]> {
  const replies: Partial<Activity>[] = [];
  for (let reply: Partial<Activity> | undefined = await client.sendActivity(says); reply; reply = client.getNextReply()) replies.push(reply);
  return replies;
}

/** What the bot expects after a user message: exact texts, optionally with button titles on the last. */
export interface ExpectedTurn {
  readonly says: string;
  readonly replies: readonly string[];
  readonly buttons?: readonly string[];
}

/**
 * Runs a table of turns through a DialogTestClient: each user message must produce exactly the
 * listed replies, in order, and nothing more.
 * @returns the reply texts of every turn (to pick out a reference code).
 */
export async function runTurns(client: DialogTestClient, turns: readonly ExpectedTurn[]): Promise<string[][]> {
  const all: string[][] = [];
  for (const turn of turns) {
    const first = await client.sendActivity(turn.says);
    const received: Partial<Activity>[] = [];
    for (let reply: Partial<Activity> | undefined = first; reply; reply = client.getNextReply()) {
      if (reply.type === 'message') received.push(reply);
    }
    expect({ says: turn.says, replies: received.map((r) => r.text) }).toEqual({ says: turn.says, replies: turn.replies });
    if (turn.buttons) expect(buttonTitles(received.at(-1))).toEqual(turn.buttons);
    all.push(received.map((r) => r.text ?? ''));
  }
  return all;
}
