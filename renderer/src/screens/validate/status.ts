import type { CheckStatus } from '../../../../shared/schemas/validation';

/** A check's outcome in a word: the status is never told by colour alone. */
export const STATUS_WORD: Record<CheckStatus, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', skipped: 'Skipped' };
/** The icon beside the word (hidden from screen readers, which read the word). */
export const STATUS_ICON: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗', skipped: '–' };
