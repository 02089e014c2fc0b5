import type { ExportFormat, ExportType } from '../../../shared/domain';
import { csvColumns, identifyingFields } from '../../../shared/schemas/records';
import { csvRowBatches } from './csv-rows';
import { malformedFile } from './errors';
import { jsonElementBatches } from './json-array';
import { csvRowBuilder, jsonRecordRow } from './normalize';
import type { RecordRow } from './record-writer';

async function* csvRecords(input: AsyncIterable<Buffer>, type: ExportType, maxRecordBytes: number, name: string): AsyncGenerator<RecordRow[]> {
  const expected = csvColumns[type] as readonly string[];
  const build = csvRowBuilder(type, expected);
  let header = false;
  for await (const fields of csvRowBatches(input, maxRecordBytes)) {
    let from = 0;
    if (!header && fields.length > 0) {
      const got = fields[0]!.join(',');
      if (got !== expected.join(',')) {
        throw malformedFile(name, `the header is "${got.slice(0, 200)}", but a ${type} export starts with "${expected.join(',')}"`, { line: 1, record: 0, byteOffset: 0 }, 'Check that this is the export type you chose; the columns must be exactly the contract\'s, in order.');
      }
      header = true;
      from = 1;
    }
    const rows = new Array<RecordRow>(fields.length - from);
    for (let i = from; i < fields.length; i++) rows[i - from] = build(fields[i]!);
    yield rows;
  }
  if (!header) throw malformedFile(name, 'the file is empty (not even a header row)', { line: 1, byteOffset: 0 });
}

async function* jsonRecords(input: AsyncIterable<Buffer>, type: ExportType, maxRecordBytes: number, name: string): AsyncGenerator<RecordRow[]> {
  const required: readonly string[] = identifyingFields[type];
  for await (const elements of jsonElementBatches(input, maxRecordBytes)) {
    const rows = new Array<RecordRow>(elements.length);
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i]!;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(element.text) as Record<string, unknown>;
      } catch (error) {
        const position = /position (\d+)/.exec((error as Error).message);
        const offset = element.byteOffset + (position ? Number(position[1]) : 0);
        throw malformedFile(name, `record ${element.index} is not valid JSON (${(error as Error).message})`, { record: element.index, byteOffset: offset });
      }
      const missing = required.filter((field) => !(field in record));
      if (missing.length > 0) {
        throw malformedFile(
          name,
          `record ${element.index} has no ${missing.map((f) => `"${f}"`).join(', ')}: its keys are not those of ${type} records`,
          { record: element.index, byteOffset: element.byteOffset },
          `Check that this is a ${type} export; if it is another type, choose that type and import it again.`,
        );
      }
      rows[i] = jsonRecordRow(type, record, element.text);
    }
    yield rows;
  }
}

/**
 * The records of an export file as rows for the records table, in file order, in batches of a few
 * hundred (possibly empty: each batch is a point where the caller can give the event loop a turn).
 * Positions of malformed content are reported as the file has them.
 */
export function recordBatches(format: ExportFormat, input: AsyncIterable<Buffer>, type: ExportType, maxRecordBytes: number, name: string): AsyncGenerator<RecordRow[]> {
  return format === 'csv' ? csvRecords(input, type, maxRecordBytes, name) : jsonRecords(input, type, maxRecordBytes, name);
}
