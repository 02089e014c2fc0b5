/** Which pasted list a value came from; each has its own limits and warnings. */
export type ListKind = 'request' | 'escalation' | 'reference';

/** Something wrong (error: the scope cannot be used) or odd (warning: worth a second look) in a pasted list. */
export interface ListProblem {
  severity: 'error' | 'warning';
  /** The value it is about, or null for the list as a whole. */
  value: string | null;
  message: string;
}

/** A pasted list after splitting: the distinct values in order, how many repeats were dropped, and problems. */
export interface ParsedList {
  values: string[];
  duplicates: number;
  problems: ListProblem[];
}

/** The longest value any list accepts (the review scope's limit). */
export const MAX_VALUE_LENGTH = 200;
/** How many values each list accepts (the review scope's limits). */
export const MAX_VALUES: Record<ListKind, number> = { request: 1000, escalation: 1000, reference: 50 };

/** Splits pasted text on commas, semicolons, spaces and new lines; trims; drops empty pieces. */
export function splitList(text: string): string[] {
  return text.split(/[\s,;]+/u).filter((piece) => piece !== '');
}

const WRAPPED = /^["'`[(<{]|["'`\])>}]$/u;

function warningFor(kind: ListKind, value: string): string | null {
  if (WRAPPED.test(value)) return `“${value}” still has quotes or brackets from where it was copied.`;
  if (kind === 'escalation' && !value.startsWith('esc_')) {
    return value.startsWith('req_') ? `“${value}” looks like a request ID, not an escalation ID.` : `“${value}” does not start with esc_, as escalation IDs do.`;
  }
  if (kind === 'request' && value.startsWith('esc_')) return `“${value}” looks like an escalation ID, not a request ID.`;
  return null;
}

/**
 * Parses one pasted list: split, trimmed, deduplicated (first occurrence kept), with each value's
 * format checked. Values over the length limit or lists over the count limit are errors; values that
 * look like the wrong kind of ID are warnings only, since the reviewer may know better.
 */
export function parseList(text: string, kind: ListKind): ParsedList {
  const values: string[] = [];
  const seen = new Set<string>();
  const problems: ListProblem[] = [];
  let duplicates = 0;
  for (const value of splitList(text)) {
    if (seen.has(value)) {
      duplicates++;
      continue;
    }
    seen.add(value);
    values.push(value);
    if (value.length > MAX_VALUE_LENGTH) {
      problems.push({ severity: 'error', value, message: `“${value.slice(0, 24)}…” is ${value.length} characters long; at most ${MAX_VALUE_LENGTH} are allowed.` });
      continue;
    }
    const warning = warningFor(kind, value);
    if (warning) problems.push({ severity: 'warning', value, message: warning });
  }
  const max = MAX_VALUES[kind];
  if (values.length > max) problems.unshift({ severity: 'error', value: null, message: `${values.length} entries; at most ${max} are allowed.` });
  return { values, duplicates, problems };
}

/** True when the list has a problem that stops the scope from being used. */
export function hasErrors(list: ParsedList): boolean {
  return list.problems.some((p) => p.severity === 'error');
}

/** The control-tag format of the review scope, e.g. `SOC2:CC7.2`, `ISO27001:A.8.15`, `EU-AI-Act:Art.12`. */
export const CONTROL_TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]*:[A-Za-z0-9][A-Za-z0-9 ._()-]*$/u;

/** Control tags typed comma separated (or one a line): trimmed, deduplicated, each checked against the format. */
export function parseControlTags(text: string): ParsedList {
  const values: string[] = [];
  const problems: ListProblem[] = [];
  let duplicates = 0;
  for (const tag of text.split(/[,\n]+/u).map((t) => t.trim()).filter((t) => t !== '')) {
    if (values.includes(tag)) {
      duplicates++;
      continue;
    }
    values.push(tag);
    if (tag.length > 100 || !CONTROL_TAG_PATTERN.test(tag)) problems.push({ severity: 'error', value: tag, message: `“${tag}” is not a control tag like SOC2:CC7.2 (framework, a colon, then the control).` });
  }
  if (values.length > 50) problems.unshift({ severity: 'error', value: null, message: `${values.length} tags; at most 50 are allowed.` });
  return { values, duplicates, problems };
}
