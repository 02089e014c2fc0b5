// Verifies each zip named on the command line and prints one JSON line of results: run by the hostile-zip
// tests in a child process whose TMPDIR, HOME and working folder are fresh, empty folders, so that any
// file the verifier wrote would show.
import { verifyPacket } from '../../../electron/core/packet/verify';

const results = [];
for (const zip of process.argv.slice(2)) {
  const result = await verifyPacket(zip);
  results.push({ zip, status: result.status, zipSafety: result.findings.some((f) => f.severity === 'error' && f.check === 'zip-safety') });
}
process.stdout.write(`${JSON.stringify(results)}\n`);
