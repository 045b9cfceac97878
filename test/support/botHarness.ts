import { AutoSaveStateMiddleware, MemoryStorage, type Activity, type Storage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { createBot, type BotHandoff, type BotRuntime } from '../../src/bot/createBot.js';
import { MenuRegistry } from '../../src/bot/MenuRegistry.js';
import { createTexts, type Locale, type Texts } from '../../src/i18n.js';

let textsPromise: Promise<Texts> | undefined;
/** The real sentences from content/locales, loaded once per test file. */
export function loadTexts(): Promise<Texts> {
  return (textsPromise ??= createTexts());
}

/** A bot wired exactly as in production, on the given storage (memory by default). */
export async function createTestBot(options: { storage?: Storage; menu?: MenuRegistry; defaultLocale?: Locale; handoff?: BotHandoff } = {}): Promise<BotRuntime & { texts: Texts }> {
  const texts = await loadTexts();
  const runtime = createBot({
    storage: options.storage ?? new MemoryStorage(),
    texts,
    menu: options.menu ?? new MenuRegistry(),
    defaultLocale: options.defaultLocale ?? 'vi',
    handoff: options.handoff,
  });
  return { ...runtime, texts };
}

/** A DialogTestClient over the root dialog, with the production middleware and state saving. */
export function dialogClient(runtime: BotRuntime): DialogTestClient {
  return new DialogTestClient(
    'test',
    runtime.rootDialog,
    undefined,
    [...runtime.middleware, new AutoSaveStateMiddleware(runtime.userState)],
    runtime.conversationState,
  );
}

/** Button titles of a reply, for assertions. */
export function buttonTitles(activity: Partial<Activity> | undefined): string[] {
  return (activity?.suggestedActions?.actions ?? []).map((action) => String(action.title));
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
 */
export async function runTurns(client: DialogTestClient, turns: readonly ExpectedTurn[]): Promise<void> {
  for (const turn of turns) {
    const first = await client.sendActivity(turn.says);
    const received: Partial<Activity>[] = [];
    for (let reply: Partial<Activity> | undefined = first; reply; reply = client.getNextReply()) {
      if (reply.type === 'message') received.push(reply);
    }
    expect({ says: turn.says, replies: received.map((r) => r.text) }).toEqual({ says: turn.says, replies: turn.replies });
    if (turn.buttons) expect(buttonTitles(received.at(-1))).toEqual(turn.buttons);
  }
}
