// The building blocks of data/report.html: escaped inline pieces, status badges, tables, and a bounded
// rendering of any JSON value. Every string from the inputs passes through escapeHtml here.
import { escapeHtml as h } from './escape';
import { clipText, formatNumber, plural, shortHash } from './format';

/** Bounds on the generic rendering of check evidence and request parameters (untrusted JSON). */
export const VALUE_LIMITS = { depth: 4, items: 20, keys: 40, string: 300 } as const;

export const STATUS_TEXT: Record<string, [symbol: string, label: string]> = {
  pass: ['✓', 'PASS'],
  warn: ['!', 'WARN'],
  fail: ['✗', 'FAIL'],
  skipped: ['–', 'SKIPPED'],
};


export const code = (value: unknown) => `<code>${h(value)}</code>`;
/** Short code kept on one line (a timestamp, a short hash); anything longer may wrap. */
export const tightCode = (value: string) => (value.length <= 32 ? `<code class="nowrap">${h(value)}</code>` : code(value));
/** A hash's first 12 hex digits, on one line. */
export const shortCode = (hash: string) => tightCode(shortHash(hash));
export const muted = (text: string) => `<span class="muted">${h(text)}</span>`;
/** Free text whose line breaks matter. */
export const prose = (text: string) => `<span class="prose">${h(text)}</span>`;

/** A status as text (symbol and word) with its colour as a hint only; `label` replaces the word. */
export function statusBadge(status: unknown, label?: string): string {
  const known = typeof status === 'string' && Object.prototype.hasOwnProperty.call(STATUS_TEXT, status);
  const [symbol, word] = known ? STATUS_TEXT[status]! : ['?', String(status).toUpperCase()];
  return `<span class="status st-${known ? status : 'unknown'}">${h(`${symbol}\u00a0${label ?? word}`)}</span>`;
}

/** A definition list of label → HTML value rows (labels are ours; values already escaped). */
export function facts(rows: readonly (readonly [string, string] | null)[]): string {
  const items = rows.filter((row): row is readonly [string, string] => row !== null).map(([label, value]) => `<dt>${h(label)}</dt><dd>${value}</dd>`);
  return `<dl class="facts">${items.join('')}</dl>`;
}

export interface Column {
  label: string;
  numeric?: boolean;
}

/** A table with a caption, column headers with scope, and the first cell of each row as its row header. */
export function table(caption: string, columns: readonly Column[], rows: readonly (readonly string[])[], className = ''): string {
  const head = columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${h(c.label)}</th>`).join('');
  const body = rows
    .map((cells) => `<tr>${cells.map((cell, i) => (i === 0 ? `<th scope="row"${columns[0]?.numeric ? ' class="num"' : ''}>${cell}</th>` : `<td${columns[i]?.numeric ? ' class="num"' : ''}>${cell}</td>`)).join('')}</tr>`)
    .join('');
  return `<table${className ? ` class="${className}"` : ''}><caption>${h(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function primitive(value: unknown): string {
  if (value === null) return muted('null');
  if (typeof value === 'string') return value === '' ? muted('(empty)') : code(clipText(value, VALUE_LIMITS.string));
  if (typeof value === 'number') return h(formatNumber(value));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return muted(typeof value);
}

/**
 * Any JSON value as compact HTML: primitives inline, short lists of primitives as a comma list, objects
 * as nested definition lists, lists as ordered lists; bounded in depth, items and string length so a
 * hostile value cannot blow the report up.
 */
export function renderValue(value: unknown, depth = 0): string {
  if (isPrimitive(value)) return primitive(value);
  if (depth >= VALUE_LIMITS.depth) {
    let text: string;
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
    return code(clipText(text, VALUE_LIMITS.string));
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return muted('none');
    const shown = value.slice(0, VALUE_LIMITS.items);
    const more = value.length > shown.length ? ` ${muted(`… and ${formatNumber(value.length - shown.length)} more`)}` : '';
    if (shown.every(isPrimitive)) return shown.map(primitive).join(', ') + more;
    return `<ol class="values">${shown.map((v) => `<li>${renderValue(v, depth + 1)}</li>`).join('')}</ol>${more}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return muted('none');
    const shown = entries.slice(0, VALUE_LIMITS.keys);
    const more = entries.length > shown.length ? muted(`… and ${plural(entries.length - shown.length, 'more field')}`) : '';
    return `<dl class="kv">${shown.map(([k, v]) => `<dt>${h(clipText(k, 120))}:</dt> <dd>${renderValue(v, depth + 1)}</dd>`).join('')}</dl>${more}`;
  }
  return muted(typeof value);
}

export function utc(value: string | null | undefined): string {
  return value === null || value === undefined ? muted('none') : code(value);
}

export function bytes(count: number | null | undefined): string {
  return count === null || count === undefined ? muted('not declared') : h(plural(count, 'byte'));
}
