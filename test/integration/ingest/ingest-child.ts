// Run by ingest-crash.test.ts: ingests one file and reports progress on stdout until it is killed.
import { openDatabase } from '../../../electron/core/cache/database';
import { ingestArtifact } from '../../../electron/core/ingest/ingest';

const [dbFile, artifactId, file] = process.argv.slice(2) as [string, string, string];
const db = openDatabase(dbFile);
await ingestArtifact(db, {
  artifactId: Number(artifactId),
  type: 'events',
  format: 'csv',
  file,
  batchSize: 500,
  onProgress: ({ records }) => process.stdout.write(`progress ${records}\n`),
});
process.stdout.write('done\n');
