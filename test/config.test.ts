import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvSchema, loadConfig, requireDiscord } from '../src/config.ts';
import { ConfigError } from '../src/engine/errors.ts';
import { createLogger } from '../src/logger.ts';
import { makeTempDir, removeTempDirs } from './support/temp-dirs.ts';

afterAll(removeTempDirs);

const APP = '123456789012345678';

describe('loadConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    expect(loadConfig({}, null)).toEqual({
      discord: { token: null, applicationId: null, guildId: null, apiUrl: 'https://discord.com/api' },
      corpusDir: 'corpus',
      cacheDir: '.cache',
      watchCorpus: true,
      vectorsDir: '.cache',
      shardCount: 'auto',
      logLevel: 'info',
      cooldown: { requests: 5, seconds: 10 },
      allowPrivateUrls: false,
      healthPort: null,
    });
  });

  it('reads every key and drops a trailing slash from the API URL', () => {
    const config = loadConfig(
      {
        DISCORD_TOKEN: 'abc.def',
        DISCORD_APPLICATION_ID: APP,
        DISCORD_GUILD_ID: '223456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
        CORPUS_DIR: 'elsewhere',
        CACHE_DIR: 'off',
        CORPUS_WATCH: 'false',
        VECTORS_DIR: 'vectors',
        DISCORD_SHARD_COUNT: '2',
        LOG_LEVEL: 'debug',
        COOLDOWN_REQUESTS: '3',
        COOLDOWN_SECONDS: '60',
        ALLOW_PRIVATE_URLS: 'true',
        HEALTH_PORT: '9464',
      },
      null,
    );
    expect(config).toEqual({
      discord: {
        token: 'abc.def',
        applicationId: APP,
        guildId: '223456789012345678',
        apiUrl: 'http://127.0.0.1:8080/api',
      },
      corpusDir: 'elsewhere',
      cacheDir: null,
      watchCorpus: false,
      vectorsDir: 'vectors',
      shardCount: 2,
      logLevel: 'debug',
      cooldown: { requests: 3, seconds: 60 },
      allowPrivateUrls: true,
      healthPort: 9464,
    });
  });

  it('keeps the word vectors in the tool cache when the index cache is off, and none when turned off', () => {
    expect(loadConfig({ CACHE_DIR: 'off' }, null).vectorsDir).toBe('node_modules/.cache/byline');
    expect(loadConfig({ WORD_VECTORS: 'false' }, null).vectorsDir).toBeNull();
    expect(() => loadConfig({ WORD_VECTORS: 'maybe' }, null)).toThrow('WORD_VECTORS must be true or false');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DISCORD_GUILD_ID: '', LOG_LEVEL: ' ' }, null)).toMatchObject({
      discord: { guildId: null },
      logLevel: 'info',
    });
  });

  it('names each malformed key in one message', () => {
    const load = () =>
      loadConfig({ DISCORD_API_URL: 'discord.com', COOLDOWN_SECONDS: 'ten', DISCORD_GUILD_ID: '42' }, null);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      'Invalid configuration (environment or .env):\n' +
        '  DISCORD_GUILD_ID must be a Discord id (17 to 20 digits)\n' +
        '  DISCORD_API_URL must be an http(s) URL such as https://discord.com/api\n' +
        '  COOLDOWN_SECONDS must be a whole number of seconds',
    );
  });

  it('never echoes a malformed token back', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: 'Bot secret-value' }, null)).toThrow(
      /^Invalid configuration \(environment or \.env\):\n {2}DISCORD_TOKEN must be the bot token alone/,
    );
    try {
      loadConfig({ DISCORD_TOKEN: 'Bot secret-value' }, null);
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-value');
    }
  });

  it('reads a .env file, with the environment winning over it', () => {
    const dir = makeTempDir('config');
    const file = join(dir, '.env');
    writeFileSync(file, `# comment\nCORPUS_DIR=from-file\nLOG_LEVEL=warn\nDISCORD_APPLICATION_ID=${APP}\n`);
    expect(loadConfig({ LOG_LEVEL: 'error' }, file)).toMatchObject({
      corpusDir: 'from-file',
      logLevel: 'error',
      discord: { applicationId: APP },
    });
  });
});

describe('requireDiscord', () => {
  it('says which Discord settings are missing and where to find them', () => {
    expect(() => requireDiscord(loadConfig({ DISCORD_TOKEN: 'x' }, null), 'run the bot')).toThrow(
      'Missing configuration: DISCORD_APPLICATION_ID (developer portal → your application → General Information) ' +
        'is needed to run the bot. Set it in the environment or in .env (see .env.example).',
    );
  });

  it('returns the settings when token and application id are set', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'x', DISCORD_APPLICATION_ID: APP }, null);
    expect(requireDiscord(config, 'run the bot')).toEqual({
      token: 'x',
      applicationId: APP,
      guildId: null,
      apiUrl: 'https://discord.com/api',
    });
  });
});

describe('.env.example', () => {
  it('lists exactly the keys of the schema, each with a comment above it', () => {
    const lines = readFileSync('.env.example', 'utf8').split('\n');
    const keys = lines.flatMap((line, i) => {
      const key = /^#?\s*([A-Z_]+)=/.exec(line)?.[1];
      if (!key) return [];
      expect(lines[i - 1], `comment above ${key}`).toMatch(/^# \S/);
      return [key];
    });
    expect(keys).toEqual(Object.keys(EnvSchema.shape));
  });
});

describe('createLogger', () => {
  it('never writes the token, wherever it appears', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ secrets: ['tok.en.value'], destination });
    logger.info({ token: 'tok.en.value', config: { discord: { token: 'tok.en.value' } } }, 'starting');
    logger.error(new Error('login failed with tok.en.value'), 'login failed');
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain('tok.en.value');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ token: '[redacted]', msg: 'starting' });
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ err: { message: 'login failed with [redacted]' } });
  });
});
