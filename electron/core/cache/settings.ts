import type { Database } from 'better-sqlite3';

/** App settings kept in the cache (never secrets). */
export type SettingKey = 'current_workspace';

/** A setting's value, or null when it was never set. */
export function readSetting(db: Database, key: SettingKey): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Sets (or replaces) a setting. */
export function writeSetting(db: Database, key: SettingKey, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
