// Run by ingest-crash.test.ts: ingests one file and reports progress on stdout until it is killed.
import { openDatabase } from '../../../electron/core/cache/database';
import { ingestArtifact, type IngestRequest } from '../../../electron/core/ingest/ingest';

const [dbFile, artifactId, file, writer] = process.argv.slice(2) as [string, string, string, NonNullable<IngestRequest['writer']>];
const db = openDatabase(dbFile);
await ingestArtifact(db, {
  artifactId: Number(artifactId),
  type: 'events',
  format: 'csv',
  file,
  batchSize: 500,
  writer,
  onProgress: ({ records }) => process.stdout.write(`progress ${records} on the ${db.inTransaction ? 'calling' : 'writer'} thread\n`),
});
process.stdout.write('done\n');
