/**
 * One interaction's exchanges with Discord, following its REST semantics: the first response is a
 * reply or a deferral; an answer after a deferral edits it; after 10062 (unknown interaction) nothing
 * more is sent; after 40060 (already acknowledged) the answer follows up instead of replying again.
 * discord.js's own REST handling (429 retry-after, 5xx retries) stays in charge of each request.
 */
import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import type { Logger } from '../logger.ts';
import { INTERACTION_ACK_WINDOW_MS, INTERACTION_TOKEN_LIFETIME_MS } from './limits.ts';
import type { BotMetrics } from './metrics.ts';
import type { FittedMessage } from './respond.ts';

/**
 * Where the interaction stands: nothing sent yet; deferred; answered; acknowledged by someone else
 * (40060, so only follow-ups remain); or unknown to Discord (10062, so nothing remains).
 */
export type DeliveryState = 'new' | 'deferred' | 'replied' | 'acknowledged' | 'expired';

/** An unacknowledged interaction gets no first response this close to the end of Discord's window. */
const ACK_MARGIN_MS = 250;

/** The Discord error code of a REST failure, or null for anything else. */
export function discordCode(error: unknown): number | null {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : null;
}

export class Delivery {
  #state: DeliveryState = 'new';
  #deferring: Promise<void> | null = null;

  /** `createdAt`: when Discord created the interaction (ms since the epoch, see pacing.ts). */
  constructor(
    readonly interaction: RepliableInteraction,
    readonly createdAt: number,
    private readonly deps: {
      metrics: BotMetrics;
      logger: Logger;
      now: () => number;
      /** Told of each first response as it is sent, so that no synchronous work delays it. */
      onFirstResponse: (response: Promise<unknown>) => void;
    },
  ) {}

  get state(): DeliveryState {
    return this.#state;
  }

  /** Whether anything sent now could still reach the user. */
  get reachable(): boolean {
    const age = this.deps.now() - this.createdAt;
    if (this.#state === 'expired') return false;
    if (this.#state === 'new') return age < INTERACTION_ACK_WINDOW_MS - ACK_MARGIN_MS;
    return age < INTERACTION_TOKEN_LIFETIME_MS;
  }

  /** The deferral under way or done, if there is one; never rejects. */
  get deferral(): Promise<void> | null {
    return this.#deferring;
  }

  /** Defers the reply (privately or not); never throws: a failure is recorded in {@link state}. */
  defer(ephemeral: boolean): Promise<void> {
    this.#deferring ??= this.#firstResponse('defer', () =>
      this.interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    ).then(
      () => {
        if (this.#state === 'new') this.#state = 'deferred';
        this.deps.metrics.deferrals.inc();
      },
      (error: unknown) => this.#failedFirstResponse(error, 'deferral'),
    );
    return this.#deferring;
  }

  /**
   * Sends an answer in whatever state the interaction is: first reply, edit of the deferral, or
   * follow-up. Resolves false, having sent nothing, when Discord no longer knows the interaction.
   */
  async send(message: FittedMessage): Promise<boolean> {
    await this.#deferring;
    const { ephemeral, ...body } = message;
    const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
    switch (this.#state) {
      case 'expired':
        return false;
      case 'new':
        try {
          await this.#firstResponse('reply', () => this.interaction.reply({ ...body, flags }));
          this.#state = 'replied';
          return true;
        } catch (error) {
          this.#failedFirstResponse(error, 'reply');
          if ((this.#state as DeliveryState) !== 'acknowledged') return false;
        }
        return this.#followUp({ ...body, flags });
      case 'deferred':
        return this.#rest(async () => {
          await this.interaction.editReply(body);
          this.#state = 'replied';
        });
      case 'replied':
      case 'acknowledged':
        return this.#followUp({ ...body, flags });
    }
  }

  /**
   * Sends a message only the user sees. A public deferral cannot become private, so it is removed and
   * the message follows up instead.
   */
  async sendPrivately(message: FittedMessage): Promise<boolean> {
    await this.#deferring;
    if (this.#state === 'deferred' && !this.interaction.ephemeral) {
      const removed = await this.#rest(() => this.interaction.deleteReply());
      if (!removed) return false;
      this.#state = 'replied';
    }
    return this.send({ ...message, ephemeral: true });
  }

  async #firstResponse(kind: 'defer' | 'reply', request: () => Promise<unknown>): Promise<void> {
    const response = request();
    this.deps.onFirstResponse(response);
    await response;
    this.deps.metrics.firstResponse.observe({ kind }, (this.deps.now() - this.createdAt) / 1000);
  }

  /** Records why a first response failed; rethrows what is neither 10062 nor 40060. */
  #failedFirstResponse(error: unknown, what: string): void {
    const code = discordCode(error);
    this.#count(error);
    const { logger } = this.deps;
    const ageMs = this.deps.now() - this.createdAt;
    if (code === RESTJSONErrorCodes.UnknownInteraction) {
      this.#state = 'expired';
      logger.warn(
        { interaction: this.interaction.id, ageMs },
        `${what} refused: unknown interaction (10062)`,
      );
    } else if (code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged) {
      this.#state = 'acknowledged';
      logger.warn(
        { interaction: this.interaction.id, ageMs },
        `${what} refused: already acknowledged (40060)`,
      );
    } else if (what === 'deferral') {
      // The answer will try a reply of its own, which meets the same fault with the error boundary.
      logger.error({ err: error, interaction: this.interaction.id }, 'deferral failed');
    } else {
      throw error;
    }
  }

  /** A follow-up through the interaction's webhook, which needs no reply on this side to exist. */
  #followUp(body: Parameters<RepliableInteraction['followUp']>[0] & object): Promise<boolean> {
    return this.#rest(async () => {
      await this.interaction.webhook.send(body);
    });
  }

  /** Runs a request on the interaction's token; 10062 and 10015 (unknown webhook) mean it is gone. */
  async #rest(request: () => Promise<unknown>): Promise<boolean> {
    try {
      await request();
      return true;
    } catch (error) {
      this.#count(error);
      const code = discordCode(error);
      if (code === RESTJSONErrorCodes.UnknownInteraction || code === RESTJSONErrorCodes.UnknownWebhook) {
        this.#state = 'expired';
        this.deps.logger.warn(
          { interaction: this.interaction.id, code },
          'interaction token no longer valid',
        );
        return false;
      }
      throw error;
    }
  }

  #count(error: unknown): void {
    const code = discordCode(error) ?? (error instanceof DiscordAPIError ? error.status : null);
    if (code !== null) this.deps.metrics.restErrors.inc({ code: String(code) });
  }
}
