/**
 * A worker thread that reads, parses and analyses article files for `sources.ts`, so that a cold
 * build or a large reload uses every core. Each batch is numbered by a term table of its own, sent
 * back with it; the main thread renumbers the terms into the corpus's table.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusError } from '../errors.ts';
import { articleAnalyzer, TermTable } from '../search/index-parts.ts';
import { readSourceFile, type WorkerFile, type WorkerReply, type WorkerRequest, type WorkerSetup } from './sources.ts';

const { dir, analysis } = workerData as WorkerSetup;
const port = parentPort!;

port.on('message', ({ batch, names }: WorkerRequest) => {
  let reply: WorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const table = new TermTable();
    const analyze = articleAnalyzer(analysis, table);
    const files = names.map((name): WorkerFile | { name: string; problem: string } => {
      try {
        const { terms, ...file } = readSourceFile(dir, name, analysis, analyze);
        const { table: _table, ...arrays } = terms;
        for (const array of Object.values(arrays)) transfer.push(array.buffer as ArrayBuffer);
        return { ...file, terms: arrays };
      } catch (error) {
        if (error instanceof CorpusError) return { name, problem: error.problem };
        throw error;
      }
    });
    reply = { batch, files, vocabulary: table.terms };
  } catch (error) {
    reply = { batch, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply, transfer);
});
