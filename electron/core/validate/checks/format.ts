import type { CheckExample, CheckResult } from '../../../../shared/schemas/validation';
import type { FormatProblem } from '../facts';
import type { FileCheckContext } from '../types';
import { plural } from '../../../../shared/format';
import { result } from './result';

const KIND_NAMES: Record<string, string> = {
  header: 'wrong header',
  'field-count': 'wrong number of fields',
  'bare-lf': 'LF line ends',
  'bare-cr': 'CR line ends',
  'stray-quote': 'stray quotes',
  'bad-closing-quote': 'text after a closing quote',
  'unclosed-quote': 'unclosed quote',
  'record-too-large': 'over-long record',
  utf8: 'invalid UTF-8',
  'json-structure': 'not a JSON array of objects',
  'json-syntax': 'invalid JSON',
  schema: 'records not matching the schema',
  'empty-file': 'empty file',
  'blank-line': 'blank lines',
};

function example(p: FormatProblem): CheckExample {
  return { ...(p.record !== undefined ? { record: p.record } : {}), ...(p.line !== undefined ? { line: p.line } : {}), byte_offset: p.byteOffset, note: p.message.slice(0, 500) };
}

/** 6. The file is what the contract says a CSV or JSON export is, byte for byte. */
export function checkFormat({ file, facts }: FileCheckContext): CheckResult {
  const { problems } = facts;
  const evidence: Record<string, unknown> = { problems: problems.count, by_kind: problems.byKind, read_completely: facts.readCompletely };
  if (facts.header) evidence.header = { expected: facts.header.expected, found: facts.header.found };
  const what = file.format === 'csv' ? 'RFC 4180 CSV (CRLF line ends, quoting, equal field counts), UTF-8, with the exact header' : 'a UTF-8 JSON array of objects, each valid against the record schema';
  if (problems.count === 0) return result('format', 'pass', `The file is ${what} for ${file.type}.`, { evidence });
  const kinds = Object.entries(problems.byKind).map(([k, n]) => `${KIND_NAMES[k] ?? k} (${n.toLocaleString('en-US')})`);
  const first = problems.examples[0]!;
  const where = [first.line !== undefined ? `line ${first.line}` : null, first.record !== undefined ? `record ${first.record}` : null, `byte ${first.byteOffset}`].filter(Boolean).join(', ');
  const stopped = facts.fatal ? ` Reading stopped at byte ${facts.fatal.byteOffset}: ${facts.fatal.message}.` : '';
  return result('format', 'fail', `${plural(problems.count, 'problem')}: ${kinds.join(', ')}. First, at ${where}: ${first.message}.${stopped}`, {
    evidence,
    examples: problems.examples.map(example),
    fix:
      file.format === 'csv'
        ? 'Use the file exactly as downloaded: opening and saving it in a spreadsheet or editor changes line ends, quoting and encoding. Export it again if no untouched copy exists.'
        : 'Use the file exactly as downloaded; a truncated or edited JSON export cannot be repaired as evidence. Export it again.',
  });
}

/** 7. The bytes are the ones the server said it produced, and so are the records. */
export function checkIntegrity({ file, facts }: FileCheckContext): CheckResult {
  const evidence: Record<string, unknown> = { bytes: facts.bytes, sha256: facts.sha256, records: facts.records };
  const artifact = file.job?.artifact;
  if (!file.job || !artifact) {
    return result('integrity', 'skipped', `No server metadata to compare with (${file.job ? 'the job declared no artifact' : 'no export job is known for this file: it was imported or given directly'}). Its sha256 ${facts.sha256} is recorded for the packet.`, {
      evidence,
      fix: file.job ? null : 'If the sender shared the sha256 of the file, compare it with the one above.',
    });
  }
  evidence.job_id = file.job.id;
  const declared = { bytes: artifact.sizeBytes, sha256: artifact.sha256?.toLowerCase() ?? null, records: artifact.recordCount };
  evidence.declared = declared;
  const differences: string[] = [];
  if (declared.bytes !== null && declared.bytes !== facts.bytes) differences.push(`${plural(facts.bytes, 'byte')}, the job declared ${plural(declared.bytes, 'byte')}`);
  if (declared.sha256 !== null && declared.sha256 !== facts.sha256) differences.push(`sha256 ${facts.sha256}, the job declared ${declared.sha256}`);
  if (declared.records !== null && declared.records !== facts.records) differences.push(`${plural(facts.records, 'record')}, the job declared ${plural(declared.records, 'record')}`);
  const compared = [declared.bytes !== null ? 'size' : null, declared.sha256 !== null ? 'sha256' : null, declared.records !== null ? 'record count' : null].filter(Boolean);
  if (differences.length > 0) {
    return result('integrity', 'fail', `The file differs from what job ${file.job.id} declared: ${differences.join('; ')}.`, {
      evidence,
      fix: 'Download the export again; if the difference stays, the server\'s metadata or the file is wrong: report it and do not hand this file over as evidence.',
    });
  }
  if (compared.length === 0) return result('integrity', 'skipped', `Job ${file.job.id} declared no size, sha256 or record count to compare with.`, { evidence });
  return result('integrity', 'pass', `The ${compared.join(', ')} match${compared.length === 1 ? 'es' : ''} what job ${file.job.id} declared (sha256 ${facts.sha256}).`, { evidence });
}
