import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Server } from 'restify';
import { LookupDialog } from '../dialogs/LookupDialog.js';
import { ReportDialog } from '../dialogs/ReportDialog.js';
import { createBot, type BotRuntime } from './bot/createBot.js';
import { MenuRegistry } from './bot/MenuRegistry.js';
import { turnErrorHandler } from './bot/turnErrorHandler.js';
import type { Config } from './config.js';
import type { SecretBox } from './crypto/SecretBox.js';
import type { Texts } from './i18n.js';
import type { Logger } from './logger.js';
import { createServer } from './server.js';
import type { Database } from './store/Database.js';
import { createServices, type Services } from './services.js';
import { PrismaStorage } from './store/PrismaStorage.js';

/** The wired application, before it listens. */
export interface App {
  readonly server: Server;
  readonly runtime: BotRuntime;
}

/**
 * The features of the main menu, in menu order. Each brings its dialog, built on the services.
 * (Deleting one's data, "thoát" and the danger interrupt are not menu entries: they work anywhere.)
 */
export function registerFeatures(menu: MenuRegistry, services: Services): MenuRegistry {
  return menu
    .register({ id: 'menu.report', labelKey: 'report:menu.label', triggersKey: 'report:menu.triggers', dialog: new ReportDialog(services) })
    .register({ id: 'menu.lookup', labelKey: 'lookup:menu.label', triggersKey: 'lookup:menu.triggers', dialog: new LookupDialog(services) });
}

/**
 * Wires services, bot, adapters and HTTP routes on an open, migrated database.
 * @param deps.menu - a main menu to use instead of the features' (tests).
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
  const services = createServices({
    db,
    storage: new PrismaStorage(db.sql),
    texts,
    secretBox: deps.secretBox,
    logger,
    includeSampleDirectory: config.NODE_ENV !== 'production',
  });
  const runtime = createBot({
    services,
    menu: deps.menu ?? registerFeatures(new MenuRegistry(), services),
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
