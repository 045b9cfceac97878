import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Server } from 'restify';
import { createBot, type BotRuntime } from './bot/createBot.js';
import { MenuRegistry } from './bot/MenuRegistry.js';
import { turnErrorHandler } from './bot/turnErrorHandler.js';
import type { Config } from './config.js';
import type { SecretBox } from './crypto/SecretBox.js';
import type { Texts } from './i18n.js';
import type { Logger } from './logger.js';
import { createServer } from './server.js';
import type { Database } from './store/Database.js';
import { PrismaStorage } from './store/PrismaStorage.js';

/** The wired application, before it listens. */
export interface App {
  readonly server: Server;
  readonly runtime: BotRuntime;
}

/**
 * Wires services, bot, adapters and HTTP routes on an open, migrated database.
 * @param deps.menu - the main menu; features register their entries in it.
 */
export function createApp(deps: {
  config: Config;
  db: Database;
  logger: Logger;
  texts: Texts;
  secretBox: SecretBox;
  menu?: MenuRegistry;
}): App {
  const { config, db, logger, texts } = deps;
  const runtime = createBot({
    storage: new PrismaStorage(db.sql),
    texts,
    menu: deps.menu ?? new MenuRegistry(),
    defaultLocale: config.DEFAULT_LOCALE,
  });
  const botFrameworkAdapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MicrosoftAppId ?? '',
      MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
      MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
      MicrosoftAppType: config.MicrosoftAppType,
    } as ConfigurationBotFrameworkAuthenticationOptions),
  );
  for (const middleware of runtime.middleware) botFrameworkAdapter.use(middleware);
  botFrameworkAdapter.onTurnError = turnErrorHandler({ texts, logger, conversationState: runtime.conversationState });
  const server = createServer({ db, logger, bot: runtime.bot, botFrameworkAdapter });
  return { server, runtime };
}
