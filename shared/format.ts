/** Locale-free number and duration formatting shared by the reports, the validation summaries, the verifier's findings and the coverage charts: the same bytes on every machine. */

/** An integer with comma thousands separators (`12,345`); other numbers with at most two decimals. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) {
    const sign = value < 0 ? '-' : '';
    return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  return trimDecimals(value, 2);
}

/** `value` with at most `digits` decimals and no trailing zeros: 1.50 → `1.5`, 2.00 → `2`. */
export function trimDecimals(value: number, digits: number): string {
  const text = value.toFixed(digits);
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** "1 record", "2,345 records". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${formatNumber(count)} ${count === 1 ? noun : nouns}`;
}

/** A length of time in the largest unit it is a whole number of: `1 min`, `6 h`, `1 d`, `90 s`, `250 ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return `${formatNumber(ms)} ms`;
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) if (ms % size === 0) return `${formatNumber(ms / size)} ${unit}`;
  return `${formatNumber(ms)} ms`;
}
