// Run as a separate process by log.test.ts: appends entries to one cache file at the same time as its siblings.
import { openDatabase } from '../../../electron/core/cache/database';
import { appendCustody } from '../../../electron/core/custody';

const [file, workspaceId, count, label] = process.argv.slice(2) as [string, string, string, string];
const db = openDatabase(file);
try {
  for (let i = 0; i < Number(count); i++) {
    appendCustody(db, workspaceId, { action: 'validated', actor: { name: label, os_user: null }, subject: { validation_run_id: i, overall: 'pass' }, artifactSha256: null });
  }
} finally {
  db.close();
}
