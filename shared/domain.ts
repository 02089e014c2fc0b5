/** The export types the Keeptrusts API offers. */
export const EXPORT_TYPES = ['events', 'traces', 'escalations', 'audit-log'] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

/** The export formats: CSV for spreadsheets and tickets, JSON for systems and technical reviewers. */
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The name an export gets from the server: `keeptrusts-<type>-<yyyymmddThhmmssZ>.<csv|json>` (type and format captured). */
export const EXPORT_FILENAME = new RegExp(`^keeptrusts-(${EXPORT_TYPES.join('|')})-\\d{8}T\\d{6}Z\\.(${EXPORT_FORMATS.join('|')})$`);

/** Relative windows the API accepts, with their length in milliseconds. */
export const TIME_WINDOWS = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000, '7d': 604_800_000, '30d': 2_592_000_000 } as const;
export type TimeWindow = keyof typeof TIME_WINDOWS;

/** Event verdicts as the product docs spell them. */
export const VERDICTS = ['allow', 'block', 'redact', 'escalate'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Job statuses the contract names; servers may send others, which clients treat as still running. */
export const JOB_STATUSES = ['queued', 'running', 'processing', 'completed', 'failed', 'expired'] as const;

/** RFC 3339 instant in UTC with a `Z`, as every record timestamp is. */
export const UTC_INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$';

/** True for a value of one of the export types. */
export function isExportType(value: unknown): value is ExportType {
  return typeof value === 'string' && (EXPORT_TYPES as readonly string[]).includes(value);
}

/** True for a value of one of the export formats. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** True for a relative window the API accepts. */
export function isTimeWindow(value: unknown): value is TimeWindow {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TIME_WINDOWS, value);
}

const VERDICT_SPELLINGS: Record<string, Verdict> = {
  allow: 'allow',
  allowed: 'allow',
  block: 'block',
  blocked: 'block',
  redact: 'redact',
  redacted: 'redact',
  escalate: 'escalate',
  escalated: 'escalate',
};

/** The contract's spelling of a verdict (`blocked` → `block`), or null for an unknown one. */
export function normalizeVerdict(value: unknown): Verdict | null {
  if (typeof value !== 'string') return null;
  const key = value.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(VERDICT_SPELLINGS, key) ? VERDICT_SPELLINGS[key]! : null;
}

/** A signing key's fingerprint: `SHA256:` + 43 base64 characters without padding, as ssh-keygen prints it. */
export const FINGERPRINT_PATTERN = '^SHA256:[A-Za-z0-9+/]{43}$';

/** A new signing key's passphrase has at least this many characters (the core's MIN_PASSPHRASE_LENGTH). */
export const MIN_PASSPHRASE_LENGTH = 8;
/** Longer than any passphrase a person types; bounds what the main process accepts. */
export const MAX_PASSPHRASE_LENGTH = 1024;

/** Where the host serves a verified packet's report.html, by the id verifyPacket gave (`<path><id>`). */
export const PACKET_REPORT_PATH = '/__packet-report/';
