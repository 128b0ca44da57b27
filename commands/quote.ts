import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { ARTICLE_OPTION, articleChoices, chosenArticle, type Command } from '../src/commands.ts';
import { MAX_QUESTION_LENGTH } from '../src/engine/engine.ts';
import type { QuoteQuery } from '../src/engine/quotes/book.ts';

/**
 * `/quote [speaker] [about] [text] [article] [private]`: who said what. A speaker's quotations in reading
 * order, quotations on a topic ranked as `/ask` ranks passages, "who said this?" for remembered
 * words; with no option, the speakers and how often each is quoted.
 */
export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'quote',
    description: 'Who said what: quotations from the articles, with their speakers.',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'speaker',
        description: 'Whose quotations? Start typing a name.',
        autocomplete: true,
        max_length: MAX_QUESTION_LENGTH,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'about',
        description: 'Quotations on a topic',
        max_length: MAX_QUESTION_LENGTH,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'text',
        description: 'Words you remember from a quotation: who said it?',
        max_length: MAX_QUESTION_LENGTH,
      },
      ARTICLE_OPTION,
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'private',
        description: 'Show the quotations only to you',
      },
    ],
  },
  execute({ engine, options }) {
    const query: QuoteQuery = {};
    for (const key of ['speaker', 'about', 'text'] as const) {
      const value = options.getString(key)?.trim();
      if (value) query[key] = value;
    }
    const article = chosenArticle(engine, options);
    if (article) query.article = article.id;
    const book = engine.quotes;
    return {
      type: 'quotes',
      query,
      quotes: book.findQuotes(query).map((m) => m.quote),
      speakers: book.speakers(),
      offset: 0,
      ephemeral: options.getBoolean('private') ?? false,
    };
  },
  autocomplete({ engine, focused }) {
    if (focused.name === 'article') return articleChoices(engine, focused.value);
    return engine.quotes
      .speakers(focused.value)
      .map((s) => ({ name: `${s.name} (${s.count})`, value: s.name }));
  },
} satisfies Command;
