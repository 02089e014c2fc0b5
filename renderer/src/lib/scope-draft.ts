import { EXPORT_TYPES, TIME_WINDOWS, type ExportFormat, type ExportType, type TimeWindow } from '../../../shared/domain';
import type { ReviewScope } from '../../../shared/schemas/scope';
import { hasErrors, parseControlTags, parseList, type ParsedList } from './ids';
import { parseUtcInput, toUtcInput, utcInstant } from './utc';

/** The review scope as the form holds it while the reviewer edits: text as typed, nothing resolved yet. */
export interface ScopeDraft {
  windowMode: 'relative' | 'absolute';
  relative: TimeWindow;
  /** `datetime-local` values, read as UTC. */
  fromInput: string;
  toInput: string;
  environment: string;
  configVersion: string;
  types: ExportType[];
  requestIdsText: string;
  escalationIdsText: string;
  referencesText: string;
  why: string;
  controlTagsText: string;
  /** The Format step's choice per export type. */
  formats: Record<ExportType, ExportFormat>;
}

/** The form's fields that can carry a problem. */
export type ScopeField = 'window' | 'from' | 'to' | 'environment' | 'configVersion' | 'types' | 'requestIds' | 'escalationIds' | 'references' | 'why' | 'controlTags';
/** One sentence per field that stops the scope from being used. */
export type ScopeProblems = Partial<Record<ScopeField, string>>;

/** The pasted lists of a draft, parsed. */
export interface ParsedLists {
  requestIds: ParsedList;
  escalationIds: ParsedList;
  references: ParsedList;
  controlTags: ParsedList;
}

/** A blank form: last 24 hours, events and escalations, CSV for everything. */
export function emptyDraft(): ScopeDraft {
  return {
    windowMode: 'relative',
    relative: '24h',
    fromInput: '',
    toInput: '',
    environment: '',
    configVersion: '',
    types: ['events', 'escalations'],
    requestIdsText: '',
    escalationIdsText: '',
    referencesText: '',
    why: '',
    controlTagsText: '',
    formats: { events: 'csv', traces: 'csv', escalations: 'csv', 'audit-log': 'csv' },
  };
}

/** Parses every pasted list of the draft. */
export function parseLists(draft: ScopeDraft): ParsedLists {
  return {
    requestIds: parseList(draft.requestIdsText, 'request'),
    escalationIds: parseList(draft.escalationIdsText, 'escalation'),
    references: parseList(draft.referencesText, 'reference'),
    controlTags: parseControlTags(draft.controlTagsText),
  };
}

/** The window a draft covers as UTC ms, or the problems with it. A relative window ends at `now`, to the second. */
export function resolveWindow(draft: ScopeDraft, now: number): { ok: true; from: number; to: number } | { ok: false; problems: ScopeProblems } {
  if (draft.windowMode === 'relative') {
    const to = Math.floor(now / 1000) * 1000;
    return { ok: true, from: to - TIME_WINDOWS[draft.relative], to };
  }
  const problems: ScopeProblems = {};
  const from = parseUtcInput(draft.fromInput);
  const to = parseUtcInput(draft.toInput);
  if (draft.fromInput.trim() === '') problems.from = 'Enter when the window starts.';
  else if (from === null) problems.from = 'This is not a date and time.';
  if (draft.toInput.trim() === '') problems.to = 'Enter when the window ends.';
  else if (to === null) problems.to = 'This is not a date and time.';
  if (from !== null && to !== null && from >= to) problems.to = 'The window must end after it starts.';
  return from !== null && to !== null && Object.keys(problems).length === 0 ? { ok: true, from, to } : { ok: false, problems };
}

const firstError = (list: ParsedList): string | undefined => list.problems.find((p) => p.severity === 'error')?.message;

/**
 * The review scope a draft describes, with a relative window resolved against `now` to UTC instants
 * (to the second), or the problems per field. Warnings (an escalation ID without `esc_`) do not stop it.
 */
export function toReviewScope(draft: ScopeDraft, now: number): { ok: true; scope: ReviewScope } | { ok: false; problems: ScopeProblems } {
  const window = resolveWindow(draft, now);
  const problems: ScopeProblems = window.ok ? {} : { ...window.problems };
  const lists = parseLists(draft);
  const environment = draft.environment.trim();
  const configVersion = draft.configVersion.trim();
  if (environment.length > 100) problems.environment = 'At most 100 characters.';
  if (configVersion.length > 100) problems.configVersion = 'At most 100 characters.';
  if (draft.types.length === 0) problems.types = 'Choose at least one export type.';
  const listProblems: [ScopeField, ParsedList][] = [
    ['requestIds', lists.requestIds],
    ['escalationIds', lists.escalationIds],
    ['references', lists.references],
    ['controlTags', lists.controlTags],
  ];
  for (const [field, list] of listProblems) if (hasErrors(list)) problems[field] = firstError(list)!;
  const why = draft.why.trim();
  if (why === '') problems.why = 'Say why the evidence is being exported.';
  else if (why.length > 5000) problems.why = 'At most 5,000 characters.';
  if (!window.ok || Object.keys(problems).length > 0) return { ok: false, problems };
  const { from, to } = window;
  const scope: ReviewScope = {
    window: { ...(draft.windowMode === 'relative' ? { relative: draft.relative } : {}), from: utcInstant(from), to: utcInstant(to) },
    ...(environment ? { environment } : {}),
    ...(configVersion ? { config_version: configVersion } : {}),
    types: EXPORT_TYPES.filter((t) => draft.types.includes(t)),
    request_ids: lists.requestIds.values,
    escalation_ids: lists.escalationIds.values,
    ...(lists.references.values.length > 0 ? { references: lists.references.values } : {}),
    why,
    ...(lists.controlTags.values.length > 0 ? { control_tags: lists.controlTags.values } : {}),
  };
  return { ok: true, scope };
}

/**
 * A saved scope back in the form. A relative window stays relative (it is resolved again when used);
 * its saved instants fill the absolute inputs, so switching to absolute gives exactly the saved window.
 */
export function fromReviewScope(scope: ReviewScope, formats: ScopeDraft['formats'] = emptyDraft().formats): ScopeDraft {
  return {
    windowMode: scope.window.relative ? 'relative' : 'absolute',
    relative: scope.window.relative ?? '24h',
    fromInput: toUtcInput(Date.parse(scope.window.from)),
    toInput: toUtcInput(Date.parse(scope.window.to)),
    environment: scope.environment ?? '',
    configVersion: scope.config_version ?? '',
    types: [...scope.types],
    requestIdsText: scope.request_ids.join('\n'),
    escalationIdsText: scope.escalation_ids.join('\n'),
    referencesText: (scope.references ?? []).join('\n'),
    why: scope.why ?? '',
    controlTagsText: (scope.control_tags ?? []).join(', '),
    formats,
  };
}

/** The window as the API's preview and pull take it. */
export function apiWindow(scope: ReviewScope): { date_from: string; date_to: string } {
  // Always the resolved instants, even for a relative window: the server's "last 24h" would be measured
  // from its own clock at job time, and the files would not cover exactly the scope's window.
  return { date_from: scope.window.from, date_to: scope.window.to };
}
