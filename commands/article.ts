import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord.js';
import { type Command } from '../src/commands.ts';
import { AUTOCOMPLETE_CHOICE_MAX, AUTOCOMPLETE_CHOICES_MAX } from '../src/discord/limits.ts';
import { UserError } from '../src/engine/errors.ts';
import { shorten } from '../src/render/citation.ts';

/**
 * `/article add url:<link>` or `file:<attachment>`, `/article list [page]`, `/article remove article:<title>`:
 * the server's own articles, kept in `corpus/servers/<server id>/` and answering in that server only.
 * Manage Server by default: moderators decide what the server reads.
 */
export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'article',
    description: "Add, list or remove this server's articles",
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        description: 'Add an article from a link or a file (.html, .htm, .txt, .md)',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'url', description: 'Link to the article' },
          {
            type: ApplicationCommandOptionType.Attachment,
            name: 'file',
            description: 'The article as a .html, .htm, .txt or .md file',
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'list',
        description: "This server's articles, newest added first",
        options: [
          { type: ApplicationCommandOptionType.Integer, name: 'page', description: 'Page', min_value: 1 },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'remove',
        description: 'Remove one of the articles added in this server',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'article',
            description: 'The article to remove',
            required: true,
            autocomplete: true,
          },
        ],
      },
    ],
  },
  async execute({ options, caller, articles }) {
    if (!articles || !caller || (caller.serverId === null && !caller.operator)) {
      throw new UserError('no-server', 'Articles are added in a server, by its moderators.');
    }
    switch (options.getSubcommand?.()) {
      case 'add': {
        const url = options.getString('url')?.trim();
        const file = options.getAttachment?.('file') ?? null;
        if (url && file) throw new UserError('two-sources', 'Give a link or a file, not both.');
        if (file) return articles.addAttachment(file, caller);
        if (url) return articles.addLink(url, caller);
        throw new UserError(
          'no-source',
          'Give the article: `url:` a link, or `file:` a .html, .htm, .txt or .md file.',
        );
      }
      case 'list':
        return articles.list(caller, options.getInteger('page') ?? 1);
      case 'remove':
        return articles.remove(options.getString('article') ?? '', caller);
      default:
        throw new UserError('unknown-subcommand', 'Use /article add, /article list or /article remove.');
    }
  },
  autocomplete({ engine, focused, caller }) {
    // The server's own articles, as loaded: shared articles are not the server's to remove.
    const words = focused.value.trim().toLowerCase();
    return engine
      .articlesByDate()
      .filter((a) => a.collection !== undefined && a.collection === caller?.serverId)
      .filter((a) => a.meta.title.toLowerCase().includes(words))
      .slice(0, AUTOCOMPLETE_CHOICES_MAX)
      .map((a) => ({
        name: shorten(a.meta.title, AUTOCOMPLETE_CHOICE_MAX),
        value: a.file.split('/').at(-1)!,
      }));
  },
} satisfies Command;
