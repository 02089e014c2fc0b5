import type { FileReport } from '../../../shared/schemas/validation';

/** One config version as seen in one environment, over every file of the report. */
export interface VersionSegment {
  version: string;
  count: number;
  /** First and last record seen on it (ms). */
  first: number;
  last: number;
  /** The files it was seen in. */
  files: string[];
}

/** A change of version in one environment: at the first record of the new one; `interleaved` when the old one still ran after. */
export interface VersionTransition {
  from: string;
  to: string;
  at: number;
  /** The last record of the old version (ms). */
  lastBefore: number;
  interleaved: boolean;
}

/** One environment's versions in time order, and the changes between them. */
export interface EnvironmentTimeline {
  environment: string;
  segments: VersionSegment[];
  transitions: VersionTransition[];
}

/** How a version reads on screen (an empty one says so). */
export function versionName(version: string): string {
  return version === '' ? '(no version)' : version;
}

/**
 * Per environment, the config versions the report's files saw (merged over files: earliest first, latest
 * last, counts added), in the order they started, with the transitions between consecutive ones. The
 * same rule as the validator's config-version check: a transition is at the new version's first record.
 */
export function configTimeline(files: readonly Pick<FileReport, 'name' | 'config_versions'>[]): EnvironmentTimeline[] {
  const byEnvironment = new Map<string, Map<string, VersionSegment>>();
  for (const file of files) {
    for (const seen of file.config_versions) {
      const first = Date.parse(seen.first);
      const last = Date.parse(seen.last);
      if (!Number.isFinite(first) || !Number.isFinite(last)) continue;
      const versions = byEnvironment.get(seen.environment) ?? new Map<string, VersionSegment>();
      byEnvironment.set(seen.environment, versions);
      const known = versions.get(seen.version);
      if (known) {
        known.count += seen.count;
        known.first = Math.min(known.first, first);
        known.last = Math.max(known.last, last);
        if (!known.files.includes(file.name)) known.files.push(file.name);
      } else versions.set(seen.version, { version: seen.version, count: seen.count, first, last, files: [file.name] });
    }
  }
  return [...byEnvironment]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([environment, versions]) => {
      const segments = [...versions.values()].sort((a, b) => a.first - b.first || a.version.localeCompare(b.version));
      const transitions = segments.slice(1).map((after, i) => {
        const before = segments[i]!;
        return { from: before.version, to: after.version, at: after.first, lastBefore: before.last, interleaved: before.last > after.first };
      });
      return { environment, segments, transitions };
    });
}

/** Where an instant falls across a drawing `width` wide for the window [from, to], clamped to it. */
export function timelineX(ms: number, from: number, to: number, width: number): number {
  if (!(to > from)) return 0;
  return (Math.min(Math.max(ms - from, 0), to - from) / (to - from)) * width;
}
