import { cpus, totalmem } from 'node:os';
import { meets, table, type Figure } from './measure';
import { benchIngest1m } from './ingest-1m';
import { benchPull1m } from './pull-1m';
import { benchValidate1m } from './validate-1m';
import { benchPacket1m } from './packet-1m';
import { benchRecords1m } from './records-1m';

// `npm run bench`: every speed and memory target of the project, measured on this machine.
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, ${process.platform}/${process.arch}`;
const all: [string, string, () => Promise<Figure[]>][] = [
  ['pull', 'Pull a 1,000,000-event export from the sample API into the cache', benchPull1m],
  ['ingest', 'Ingest a 1,000,000-event export into the cache', benchIngest1m],
  ['validate', 'Validate a 1,000,000-event export against a review scope', benchValidate1m],
  ['packet', 'Write and verify a packet holding a 1,000,000-event export', benchPacket1m],
  ['records', 'Browse a cache of 1,000,000 event records (count, pages, filters)', benchRecords1m],
];
// `npm run bench -- validate ingest` runs only those sections.
const only = process.argv.slice(2);
const sections = all.filter(([key]) => only.length === 0 || only.includes(key)).map(([, title, run]) => [title, run] as const);

let failed = false;
process.stdout.write(`Machine: ${machine}\nDate: ${new Date().toISOString()}\n`);
for (const [title, run] of sections) {
  const figures = await run();
  failed ||= figures.some((f) => !meets(f));
  process.stdout.write(`\n### ${title}\n\n${table(figures)}\n`);
}
process.exitCode = failed ? 1 : 0;
