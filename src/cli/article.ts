/**
 * `npm run article -- add [--json] [--server ID] URL|FILE`, `list [--json] [--server ID]` and
 * `remove [--server ID] ID|TITLE`: the corpus's articles from the command line. Without `--server`
 * it works on the top of CORPUS_DIR, the articles every server sees.
 *
 * Exit codes: 0 added (or already present), listed or removed; 2 a refused or unreadable source, an
 * unknown article or bad usage, with nothing written; 1 the configuration cannot be loaded.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { ConfigError, UserError } from '../engine/errors.ts';
import { isLink, readFilePath, readLink } from '../ingest/source.ts';
import { listArticles, removeArticle, storeArticle, type StoredArticle } from '../ingest/store.ts';

const EXIT_SETUP = 1;
const EXIT_REFUSED = 2;

const USAGE = `usage: npm run article -- add [--json] [--server ID] URL|FILE
       npm run article -- list [--json] [--server ID]
       npm run article -- remove [--server ID] ID|TITLE`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        server: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`article: ${(error as Error).message}\n${USAGE}`);
    return EXIT_REFUSED;
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const target = rest.join(' ').trim();
  if (!action || !['add', 'list', 'remove'].includes(action) || (action !== 'list' && !target)) {
    console.error(USAGE);
    return EXIT_REFUSED;
  }

  const config = loadConfig();
  const collection = { corpusDir: config.corpusDir, serverId: values.server ?? null };

  if (action === 'list') {
    const articles = await listArticles(collection);
    if (values.json) console.log(JSON.stringify(articles.map(toJson)));
    else if (!articles.length) console.error('No articles.');
    else for (const a of articles) console.log(`${a.id}\t${describe(a)}`);
    return 0;
  }
  if (action === 'remove') {
    const removed = await removeArticle(collection, target);
    console.error(`Removed ${removed.file}`);
    return 0;
  }

  const draft = isLink(target)
    ? await readLink(target, { allowPrivate: config.allowPrivateUrls })
    : await readFilePath(target);
  const { status, article } = await storeArticle(draft, collection, {
    by: `command line (${userInfo().username})`,
  });
  if (values.json) console.log(JSON.stringify(toJson(article)));
  console.error(
    `${status === 'added' ? 'Added' : 'Already in the corpus'}: ${describe(article)}\n  ${article.file}`,
  );
  return 0;
}

/** The `--json` shape: published as YYYY-MM-DD, paragraphs the number of body paragraphs. */
function toJson(a: StoredArticle) {
  return {
    title: a.title,
    publisher: a.publisher,
    published: a.published,
    byline: a.byline,
    url: a.url,
    paragraphs: a.paragraphs,
    file: a.file,
  };
}

function describe(a: StoredArticle): string {
  const parts = [a.publisher ?? 'unknown publisher', a.published ?? 'undated', `${a.paragraphs} paragraphs`];
  return `${a.title} — ${parts.join(' · ')}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UserError) {
      console.error(error.message);
      process.exitCode = EXIT_REFUSED;
    } else if (error instanceof ConfigError) {
      console.error(`Byline cannot start: ${error.message}`);
      process.exitCode = EXIT_SETUP;
    } else {
      console.error(error);
      process.exitCode = EXIT_SETUP;
    }
  },
);
