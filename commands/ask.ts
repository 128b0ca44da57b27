import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { ARTICLE_OPTION, articleChoices, chosenArticle, type Command } from '../src/commands.ts';
import { MAX_QUESTION_LENGTH } from '../src/engine/engine.ts';

/** `/ask question:<text> [article:<title>] [private:<bool>]`: the passages that answer a question, cited. */
export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'ask',
    description: "Ask the articles a question; Byline answers with the articles' own words, cited.",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: 'What do you want to know?',
        required: true,
        max_length: MAX_QUESTION_LENGTH,
        autocomplete: true,
      },
      ARTICLE_OPTION,
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'private',
        description: 'Show the answer only to you',
      },
    ],
  },
  execute({ engine, options }) {
    const article = chosenArticle(engine, options);
    const scope = article ? { articleId: article.id } : {};
    const answer = engine.ask(options.getString('question') ?? '', undefined, scope);
    return {
      type: 'answer',
      answer,
      offset: 0,
      ephemeral: options.getBoolean('private') ?? false,
      ...(article ? { articleId: article.id } : {}),
    };
  },
  autocomplete({ engine, focused }) {
    if (focused.name === 'article') return articleChoices(engine, focused.value);
    return engine.suggest(focused.value).map((text) => ({ name: text, value: text }));
  },
} satisfies Command;
