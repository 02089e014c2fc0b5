// Human output: compact aligned tables and short numbers. Machine readers use --json instead.

/** Columns padded to their widest cell; the last column is never padded (no trailing spaces). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** 1,234 style counts; a dash when unknown. */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '-' : n.toLocaleString('en-US');
}

/** Sizes in B, KB, MB, GB (1024 steps). */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '-';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A dash for missing values. */
export function cell(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '-' : value;
}

/** "2 pulled, 1 failed": the counts that are not zero, in the given order. */
export function summary(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${n} ${label}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

/** Counts statuses into a fixed set of keys, so JSON summaries always carry every key. */
export function tally<K extends string>(keys: readonly K[], statuses: readonly string[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const status of statuses) if ((keys as readonly string[]).includes(status)) out[status as K]++;
  return out;
}
