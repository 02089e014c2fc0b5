/** What the sample API's synthetic traffic looks like. Same config and clock, same records. */
export interface DataConfig {
  seed: number;
  /** The data clock in ms: no record is at or after it. */
  now: number;
  /** Average gateway decisions per hour (a daily rhythm varies it by about ±50%). */
  eventsPerHour: number;
  /** Average audit-log entries per hour, besides the deployments. */
  auditPerHour: number;
  /** No traffic before this instant (ms). */
  dataStart: number;
  /** Intervals (ms, [from, to)) with no traffic at all, e.g. a gateway outage. */
  outages: readonly { from: number; to: number }[];
  /** Environment mix, by weight. */
  environments: Readonly<Record<string, number>>;
  /** Config rollout: each environment moves from `fromVersion` to `toVersion` at its instant (ms). */
  rollout: { fromVersion: string; toVersion: string; at: Readonly<Record<string, number>> };
}

export const HOUR_MS = 3_600_000;

/** Sensible defaults for a clock: a month and a half of data, a rollout about a day before `now`. */
export function defaultDataConfig(seed: number, now: number, overrides: Partial<DataConfig> = {}): DataConfig {
  const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const productionRollout = hour - 10 * HOUR_MS + 17 * 60_000;
  return {
    seed,
    now,
    eventsPerHour: 400,
    auditPerHour: 6,
    dataStart: hour - 45 * 24 * HOUR_MS,
    outages: [],
    environments: { production: 75, staging: 25 },
    rollout: {
      fromVersion: '0.1.0',
      toVersion: '0.2.0',
      at: { production: productionRollout, staging: productionRollout - 4 * HOUR_MS },
    },
    ...overrides,
  };
}

/** The config version an environment ran at instant `t`. */
export function configVersionAt(config: DataConfig, environment: string, t: number): string {
  const at = config.rollout.at[environment];
  return at !== undefined && t >= at ? config.rollout.toVersion : config.rollout.fromVersion;
}

/** True when instant `t` can carry traffic: after data start, before now, outside every outage. */
export function hasTraffic(config: DataConfig, t: number): boolean {
  if (t < config.dataStart || t >= config.now) return false;
  for (const outage of config.outages) if (t >= outage.from && t < outage.to) return false;
  return true;
}
