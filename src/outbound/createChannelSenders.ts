import { MESSENGER_CHANNEL, ZALO_CHANNEL } from '../channels/channelIds.js';
import { MessengerClient } from '../channels/messenger/MessengerClient.js';
import { MessengerSender } from '../channels/messenger/MessengerSender.js';
import { ZaloClient } from '../channels/zalo/ZaloClient.js';
import { ZaloSender } from '../channels/zalo/ZaloSender.js';
import { ZaloTokens } from '../channels/zalo/ZaloTokens.js';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/SecretBox.js';
import type { Logger } from '../logger.js';
import type { SqlExecutor } from '../store/Database.js';
import type { ChannelSender } from './ChannelSender.js';

/**
 * The channels the configuration enables (one absent here is off): each with its platform client
 * and the webhook secrets its configuration was checked to have.
 */
export interface ChannelClients {
  readonly messenger?: { readonly client: MessengerClient; readonly appSecret: string; readonly verifyToken: string };
  readonly zalo?: { readonly client: ZaloClient; readonly appId: string; readonly oaSecretKey: string };
}

/**
 * The platform clients of the configured channels, and the outbox's senders over them, by channel.
 * The one place that decides which channels are on: the app mounts the webhooks of the channels
 * found here, and the outbox thread builds its own senders with it.
 */
export function createChannelSenders(
  config: Config,
  deps: { sql: SqlExecutor; secretBox: SecretBox; logger: Logger },
): { clients: ChannelClients; senders: Map<string, ChannelSender> } {
  const senders = new Map<string, ChannelSender>();
  let messenger: ChannelClients['messenger'];
  let zalo: ChannelClients['zalo'];
  if (config.MESSENGER_APP_SECRET && config.MESSENGER_VERIFY_TOKEN && config.MESSENGER_PAGE_ACCESS_TOKEN) {
    const client = new MessengerClient(config.MESSENGER_API_URL, config.MESSENGER_PAGE_ACCESS_TOKEN);
    messenger = { client, appSecret: config.MESSENGER_APP_SECRET, verifyToken: config.MESSENGER_VERIFY_TOKEN };
    senders.set(MESSENGER_CHANNEL, new MessengerSender(client, { humanAgentTag: config.MESSENGER_HUMAN_AGENT_TAG }));
  }
  if (config.ZALO_APP_ID && config.ZALO_APP_SECRET && config.ZALO_OA_SECRET_KEY && config.ZALO_ACCESS_TOKEN && config.ZALO_REFRESH_TOKEN) {
    const tokens = new ZaloTokens({
      sql: deps.sql,
      secretBox: deps.secretBox,
      appId: config.ZALO_APP_ID,
      appSecret: config.ZALO_APP_SECRET,
      initial: { accessToken: config.ZALO_ACCESS_TOKEN, refreshToken: config.ZALO_REFRESH_TOKEN },
      oauthUrl: config.ZALO_OAUTH_URL,
      logger: deps.logger,
    });
    const client = new ZaloClient(config.ZALO_OPENAPI_URL, tokens, undefined, config.ZALO_ZNS_API_URL);
    zalo = { client, appId: config.ZALO_APP_ID, oaSecretKey: config.ZALO_OA_SECRET_KEY };
    senders.set(ZALO_CHANNEL, new ZaloSender(client));
  }
  return { clients: { messenger, zalo }, senders };
}
