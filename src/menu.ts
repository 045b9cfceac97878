import { legalMenuEntry } from '../dialogs/LegalDialog.js';
import { MenuRegistry } from './bot/MenuRegistry.js';
import type { Config } from './config.js';
import type { Texts } from './i18n.js';
import { createChatModel, LegalAnswerWriter } from './legal/LegalAnswerWriter.js';
import { LegalService } from './legal/LegalService.js';
import type { LegalTopicCounter } from './legal/LegalTopicCounter.js';
import type { Logger } from './logger.js';

/**
 * Legal information from `content/legal/`, with generated answers when `LLM_BASE_URL` names a
 * chat server.
 */
export function createLegalService(config: Config, logger: Logger): LegalService {
  const writer =
    config.LLM_BASE_URL && config.LLM_MODEL
      ? new LegalAnswerWriter(createChatModel({ baseUrl: config.LLM_BASE_URL, model: config.LLM_MODEL, apiKey: config.LLM_API_KEY }), {
          timeoutMs: config.LLM_TIMEOUT_MS,
          logger,
        })
      : undefined;
  return LegalService.fromContent(undefined, { writer });
}

/**
 * The main menu with every feature's entry, in menu order. Features receive the registry itself
 * so they can tell whether another entry (talk to a counselor) exists.
 * @param deps.legal - a ready legal service (tests); built from the content otherwise.
 * @param deps.legalTopics - counts legal answers per topic for the statistics.
 */
export function createMenu(deps: { config: Config; texts: Texts; logger: Logger; legal?: LegalService; legalTopics?: LegalTopicCounter }): MenuRegistry {
  const menu = new MenuRegistry();
  const legal = deps.legal ?? createLegalService(deps.config, deps.logger);
  menu.register(legalMenuEntry({ texts: deps.texts, legal, menu, topics: deps.legalTopics }));
  return menu;
}
