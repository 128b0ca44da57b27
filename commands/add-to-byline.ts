import { ApplicationCommandType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { type Command } from '../src/commands.ts';
import { UserError } from '../src/engine/errors.ts';
import { firstLink } from '../src/ingest/desk.ts';
import { SOURCE_EXTENSIONS } from '../src/ingest/source.ts';

/** "Add to Byline" (message menu): adds the article a message links to or has attached, as `/article add` does. */
export default {
  data: {
    type: ApplicationCommandType.Message,
    name: 'Add to Byline',
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
  },
  async execute({ targetMessage, targetAttachments, caller, articles }) {
    if (!articles || !caller || (caller.serverId === null && !caller.operator)) {
      throw new UserError('no-server', 'Articles are added in a server, by its moderators.');
    }
    const file = targetAttachments?.find((a) => {
      const ending = /\.[^.]+$/.exec(a.name)?.[0]?.toLowerCase() ?? '';
      return ending in SOURCE_EXTENSIONS;
    });
    if (file) return articles.addAttachment(file, caller);
    const link = firstLink(targetMessage ?? '');
    if (link) return articles.addLink(link, caller);
    throw new UserError(
      'no-source',
      'That message has no link and no article file (.html, .htm, .txt or .md) to add.',
    );
  },
} satisfies Command;
