import { Ajv, type ErrorObject } from 'ajv';
import { EXPORT_TYPES, type ExportType } from '../../../shared/domain';
import { recordSchemas } from '../../../shared/schemas/records';
import { JsonArraySplitter, JsonShapeError, type JsonElement } from '../ingest/json-array';
import { contractInstantMs } from './instant';
import { clip, emptyValues, type FactCollector, type FormatProblem } from './facts';

const ajv = new Ajv({ allErrors: false, strict: true, coerceTypes: false, useDefaults: false });
const validators = new Map(EXPORT_TYPES.map((type) => [type, ajv.compile(recordSchemas[type])] as const));

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const nonEmpty = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'does not match the record schema';
  const where = error.instancePath === '' ? 'the record' : `"${error.instancePath.slice(1).replaceAll('/', '.')}"`;
  if (error.keyword === 'additionalProperties') return `${where} has a field the contract does not define ("${String(error.params.additionalProperty)}")`;
  if (error.keyword === 'required') return `${where} lacks the field "${String(error.params.missingProperty)}"`;
  return `${where} ${error.message ?? 'is not valid'}`;
}

/**
 * Turns the bytes of a JSON export into record facts: the array is split without holding the file,
 * each element is parsed natively and checked against the type's schema (first error only, as ajv
 * reports it without allErrors). A malformed element is a problem and reading goes on; a broken array
 * (not an array, truncated, trailing content) stops it.
 */
export function jsonFactReader(type: ExportType, collector: FactCollector, maxRecordBytes: number, onFatal: (problem: FormatProblem) => void) {
  const splitter = new JsonArraySplitter(maxRecordBytes);
  const validate = validators.get(type)!;
  const plan = collector.plan;
  const values = emptyValues();
  let stopped = false;

  const fatal = (error: unknown) => {
    stopped = true;
    if (error instanceof JsonShapeError) {
      onFatal({ kind: 'json-structure', message: error.message, byteOffset: error.byteOffset, ...(error.record !== undefined ? { record: error.record } : {}) });
    } else throw error;
  };

  function push(chunk: Buffer): void {
    if (stopped) return;
    let elements: JsonElement[];
    try {
      elements = splitter.push(chunk);
    } catch (error) {
      // The records completed before the structure broke are still facts.
      if (error instanceof JsonShapeError) read(error.completed);
      fatal(error);
      return;
    }
    read(elements);
  }

  function read(elements: JsonElement[]): void {
    for (const element of elements) {
      let record: unknown;
      try {
        record = JSON.parse(element.text);
      } catch (error) {
        collector.problem({ kind: 'json-syntax', message: `record ${element.index} is not valid JSON (${clip((error as Error).message, 200)})`, record: element.index, byteOffset: element.byteOffset });
        collector.records++;
        continue;
      }
      if (!validate(record)) {
        collector.problem({ kind: 'schema', message: `record ${element.index}: ${describe(validate.errors?.[0])}`, record: element.index, byteOffset: element.byteOffset });
      }
      const r = record as Record<string, unknown>;
      values.record = element.index;
      values.byteOffset = element.byteOffset;
      values.key = str(r[plan.key] ?? (plan.key === 'id' ? r.event_id : undefined));
      values.time = str(r[plan.time]);
      values.timeMs = values.time === null ? NaN : contractInstantMs(values.time);
      values.environment = str(r.environment);
      values.configVersion = plan.configVersion === null ? null : str(r[plan.configVersion]);
      values.verdict = plan.verdict === null ? null : str(r[plan.verdict]);
      values.requestId = plan.requestId === null ? null : nonEmpty(r[plan.requestId]);
      values.escalationRef = plan.escalationRef === null ? null : nonEmpty(r[plan.escalationRef]);
      values.escalationId = plan.escalationId === null ? null : nonEmpty(r[plan.escalationId]);
      collector.add(values);
    }
  }

  function end(): void {
    if (stopped) return;
    try {
      splitter.end();
    } catch (error) {
      fatal(error);
    }
  }

  return { push, end, get stopped() { return stopped; } };
}
