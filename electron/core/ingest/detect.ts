import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { EXPORT_FILENAME, EXPORT_TYPES, type ExportFormat, type ExportType } from '../../../shared/domain';
import { csvColumns, recordSchemas } from '../../../shared/schemas/records';

/** What a file looks like, and how sure we are. The UI asks the user to confirm either way. */
export interface Detection {
  format: ExportFormat | null;
  type: ExportType | null;
  /** What the type was recognised by: the exact CSV header, the JSON keys, or only the filename. */
  basis: 'header' | 'keys' | 'filename' | 'none';
}

const SNIFF_BYTES = 64 * 1024;

/** Reads the start of a file and guesses its format and export type. Never reads the whole file. */
export async function detectExport(path: string): Promise<Detection> {
  const handle = await open(path, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
  const byName = EXPORT_FILENAME.exec(basename(path));
  const nameType = (byName?.[1] as ExportType | undefined) ?? null;
  const trimmed = head.trimStart();
  const format: ExportFormat | null = trimmed.startsWith('[') ? 'json' : trimmed.length > 0 ? 'csv' : ((byName?.[2] as ExportFormat | undefined) ?? null);

  if (format === 'csv') {
    const header = head.split('\r\n', 1)[0]!.split('\n', 1)[0]!;
    const type = EXPORT_TYPES.find((t) => csvColumns[t].join(',') === header) ?? null;
    if (type) return { format, type, basis: 'header' };
  } else if (format === 'json') {
    const type = typeFromKeys(firstObjectKeys(trimmed));
    if (type) return { format, type, basis: 'keys' };
  }
  return nameType ? { format, type: nameType, basis: 'filename' } : { format, type: null, basis: 'none' };
}

/** Keys of the first object in a JSON array's opening text, if it is complete within the sniffed bytes. */
function firstObjectKeys(text: string): string[] | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        try {
          return Object.keys(JSON.parse(text.slice(start, i + 1)) as object);
        } catch {
          return null;
        }
      }
    }
  }
  return null;
}

/** The type whose required keys are all present (and that has the most of them), or null. */
function typeFromKeys(keys: string[] | null): ExportType | null {
  if (!keys) return null;
  const present = new Set(keys);
  const fits = EXPORT_TYPES.filter((t) => (recordSchemas[t].required ?? []).every((k: string) => present.has(k)));
  return fits.length === 1 ? fits[0]! : null;
}
