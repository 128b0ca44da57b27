import type { LookupAddress, LookupOptions } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../src/engine/errors.ts';
import { fetchPage } from '../src/ingest/fetch.ts';
import { refusalOf, type LookupFunction } from '../src/ingest/guard.ts';
import { startNewsServer, type NewsServer } from './support/news-server.ts';

let site: NewsServer;
beforeAll(async () => {
  site = await startNewsServer();
});
afterAll(() => site.close());

/** A resolver in which every name is 127.0.0.1, as a hostile DNS record would make it. */
const toLoopback: LookupFunction = (_hostname, options: LookupOptions, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 } satisfies LookupAddress]);
  else callback(null, '127.0.0.1', 4);
};

const allowed = { allowPrivate: true };
async function refusal(promise: Promise<unknown>): Promise<{ id: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return { id: error.id, message: error.message };
    throw error;
  }
  throw new Error('expected a SourceError');
}

describe('refusalOf', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::a00:1', 'private'],
  ])('refuses %s as %s', (address, range) => {
    expect(refusalOf(address)).toContain(range);
  });

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34'])(
    'lets the public address %s through',
    (address) => {
      expect(refusalOf(address)).toBeNull();
    },
  );
});

describe('fetchPage', () => {
  it('refuses a literal loopback address at connect, before sending the request', async () => {
    const before = site.requests.length;
    expect(await refusal(fetchPage(`${site.origin}/news/ohio-river-flood`))).toEqual({
      id: 'private-address',
      message: 'Byline does not fetch from private networks: 127.0.0.1 is a loopback address (this machine).',
    });
    expect(site.requests.length).toBe(before);
  });

  it('refuses a host name that resolves to 127.0.0.1, at lookup', async () => {
    const before = site.requests.length;
    const url = `http://news.example:${site.port}/news/ohio-river-flood`;
    expect(await refusal(fetchPage(url, { lookup: toLoopback }))).toEqual({
      id: 'private-address',
      message:
        'Byline does not fetch from private networks: news.example resolves to 127.0.0.1, a loopback address (this machine).',
    });
    expect(site.requests.length).toBe(before);
  });

  it('fetches through a custom lookup when private addresses are allowed', async () => {
    const page = await fetchPage(`http://news.example:${site.port}/news/ohio-river-flood`, {
      ...allowed,
      lookup: toLoopback,
    });
    expect(page.mediaType).toBe('text/html');
    expect(new TextDecoder().decode(page.bytes)).toContain('Flooded Ohio River towns');
  });

  it('identifies itself in the user agent', async () => {
    const page = await fetchPage(`${site.origin}/story.txt`, allowed);
    expect(page).toMatchObject({ mediaType: 'text/plain', charset: 'utf-8' });
    expect(site.userAgents.at(-1)).toMatch(/^Byline\/\S+ \(Discord bot/);
  });

  it('follows up to five redirects and reports the final URL', async () => {
    const page = await fetchPage(`${site.origin}/redirect/5`, allowed);
    expect(page.url).toBe(`${site.origin}/news/ohio-river-flood`);
  });

  it('refuses a sixth redirect and a redirect loop', async () => {
    expect((await refusal(fetchPage(`${site.origin}/redirect/6`, allowed))).message).toBe(
      'The link redirects more than 5 times.',
    );
    expect((await refusal(fetchPage(`${site.origin}/loop`, allowed))).id).toBe('too-many-redirects');
  });

  it('checks each redirect again: a redirect to another scheme is refused', async () => {
    expect(await refusal(fetchPage(`${site.origin}/to-file`, allowed))).toEqual({
      id: 'bad-scheme',
      message: 'Byline fetches only http and https links, not file:',
    });
  });

  it('refuses schemes other than http and https, and links with credentials', async () => {
    expect((await refusal(fetchPage('ftp://example.com/story.html'))).id).toBe('bad-scheme');
    expect((await refusal(fetchPage('https://user:pw@example.com/'))).id).toBe('credentials');
    expect((await refusal(fetchPage('not a link'))).id).toBe('bad-url');
  });

  it('says the page does not exist for a 404', async () => {
    expect(await refusal(fetchPage(`${site.origin}/missing`, allowed))).toEqual({
      id: 'http-status',
      message: `The site answered 404 Not Found for ${site.origin}/missing: there is no page to add.`,
    });
  });

  it('refuses an image', async () => {
    expect(await refusal(fetchPage(`${site.origin}/photo.png`, allowed))).toEqual({
      id: 'media-type',
      message:
        'That link is a image/png file, not a page: Byline reads web pages (HTML), plain text and Markdown.',
    });
  });

  it('cuts off a body over 5 MB, streamed or declared', async () => {
    const tooLarge = {
      id: 'too-large',
      message: 'The page is larger than 5 MB: too large to be an article.',
    };
    expect(await refusal(fetchPage(`${site.origin}/huge`, allowed))).toEqual(tooLarge);
    expect(await refusal(fetchPage(`${site.origin}/huge-declared`, allowed))).toEqual(tooLarge);
  });

  it('gives up on a page slower than the deadline', async () => {
    const started = Date.now();
    expect(await refusal(fetchPage(`${site.origin}/slow`, { ...allowed, timeoutMs: 300 }))).toEqual({
      id: 'timeout',
      message: 'The site took longer than 0.3 s to send the page.',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
