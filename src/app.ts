import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type BotAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Server } from 'restify';
import { LookupDialog } from '../dialogs/LookupDialog.js';
import { ReportDialog } from '../dialogs/ReportDialog.js';
import { createBot, type BotRuntime } from './bot/createBot.js';
import { MenuRegistry } from './bot/MenuRegistry.js';
import { turnErrorHandler } from './bot/turnErrorHandler.js';
import { MESSENGER_CHANNEL } from './channels/messenger/convertMessengerEventToActivity.js';
import { MessengerAdapter } from './channels/messenger/MessengerAdapter.js';
import { MessengerClient } from './channels/messenger/MessengerClient.js';
import { MessengerProcessor } from './channels/messenger/MessengerProcessor.js';
import { MessengerSender } from './channels/messenger/MessengerSender.js';
import { mountMessengerWebhook } from './channels/messenger/mountMessengerWebhook.js';
import type { Config } from './config.js';
import { ChannelUsers } from './conversations/ChannelUsers.js';
import type { SecretBox } from './crypto/SecretBox.js';
import type { Texts } from './i18n.js';
import { createIntakeWorker, type InboundProcessor } from './intake/createIntakeWorker.js';
import { InboundEvents } from './intake/InboundEvents.js';
import type { Logger } from './logger.js';
import type { ChannelSender } from './outbound/ChannelSender.js';
import { Outbox } from './outbound/Outbox.js';
import { createServer } from './server.js';
import type { Database } from './store/Database.js';
import { createServices, type Services } from './services.js';
import type { BackgroundWorker } from './store/LaneWorker.js';
import { PrismaStorage } from './store/PrismaStorage.js';

/** The wired application, before it listens. */
export interface App {
  readonly server: Server;
  readonly runtime: BotRuntime;
  readonly inbound: InboundEvents;
  readonly outbox: Outbox;
  readonly channelUsers: ChannelUsers;
  readonly workers: { readonly intake: BackgroundWorker; readonly outbox: BackgroundWorker };
  /** Starts the intake and outbox workers. */
  startWorkers(): void;
  /** Stops the workers after the turns and sends in hand finish. */
  stopWorkers(): Promise<void>;
}

/**
 * The features built on the services, added to the main menu in this order. Each brings its dialog.
 * (Deleting one's data, "thoát" and the danger interrupt are not menu entries: they work anywhere.)
 */
export function registerFeatures(menu: MenuRegistry, services: Services): MenuRegistry {
  return menu
    .register({ id: 'menu.report', labelKey: 'report:menu.label', triggersKey: 'report:menu.triggers', dialog: new ReportDialog(services) })
    .register({ id: 'menu.lookup', labelKey: 'lookup:menu.label', triggersKey: 'lookup:menu.triggers', dialog: new LookupDialog(services) });
}

/**
 * Wires services, bot, adapters, workers and HTTP routes on an open, migrated database.
 * @param deps.menu - the main menu with the features built outside (legal information); the
 *   features built on the services here (reporting, lookup) are added to it.
 */
export function createApp(deps: {
  config: Config;
  db: Database;
  logger: Logger;
  texts: Texts;
  secretBox: SecretBox;
  menu?: MenuRegistry;
}): App {
  const { config, db, logger, texts, secretBox } = deps;
  const services = createServices({
    db,
    storage: new PrismaStorage(db.sql),
    texts,
    secretBox,
    logger,
    includeSampleDirectory: config.NODE_ENV !== 'production',
  });
  const runtime = createBot({
    services,
    menu: registerFeatures(deps.menu ?? new MenuRegistry(), services),
    defaultLocale: config.DEFAULT_LOCALE,
  });
  const onTurnError = turnErrorHandler({ texts, logger, conversationState: runtime.conversationState });
  const prepare = <A extends BotAdapter>(adapter: A): A => {
    for (const middleware of runtime.middleware) adapter.use(middleware);
    adapter.onTurnError = onTurnError;
    return adapter;
  };
  const logic = runtime.bot.run.bind(runtime.bot);

  const channelUsers = new ChannelUsers(db.sql, secretBox);
  const inbound = new InboundEvents(db.sql, secretBox, channelUsers);
  const outbox = new Outbox(db.sql, secretBox);
  const processors = new Map<string, InboundProcessor>();
  const senders = new Map<string, ChannelSender>();
  const channelRoutes: ((server: Server) => void)[] = [];

  const botFrameworkAdapter = prepare(
    new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: config.MicrosoftAppId ?? '',
        MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
        MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
        MicrosoftAppType: config.MicrosoftAppType,
      } as ConfigurationBotFrameworkAuthenticationOptions),
    ),
  );

  const intake = createIntakeWorker({ inbound, processors, logger, concurrency: config.WORKER_CONCURRENCY });
  const outboxWorker = outbox.createWorker({ senders, channelUsers, logger, concurrency: config.WORKER_CONCURRENCY });

  if (config.MESSENGER_APP_SECRET && config.MESSENGER_VERIFY_TOKEN && config.MESSENGER_PAGE_ACCESS_TOKEN) {
    const client = new MessengerClient(config.MESSENGER_API_URL, config.MESSENGER_PAGE_ACCESS_TOKEN);
    const adapter = prepare(new MessengerAdapter({ channel: MESSENGER_CHANNEL, outbox, channelUsers, logger }, client));
    processors.set(MESSENGER_CHANNEL, new MessengerProcessor(adapter, logic));
    senders.set(MESSENGER_CHANNEL, new MessengerSender(client, { humanAgentTag: config.MESSENGER_HUMAN_AGENT_TAG }));
    const { MESSENGER_APP_SECRET: appSecret, MESSENGER_VERIFY_TOKEN: verifyToken } = config;
    channelRoutes.push((server) => mountMessengerWebhook(server, { appSecret, verifyToken, inbound, logger, onStored: () => intake.wake() }));
  }

  const server = createServer({ db, logger, bot: runtime.bot, botFrameworkAdapter, channelRoutes });
  return {
    server,
    runtime,
    inbound,
    outbox,
    channelUsers,
    workers: { intake, outbox: outboxWorker },
    startWorkers: () => {
      intake.start();
      outboxWorker.start();
    },
    // Intake first: its turns write to the outbox, which must still be running to send them.
    stopWorkers: async () => {
      await intake.stop();
      await outboxWorker.stop();
    },
  };
}
