import { describe, expect, it } from 'vitest';
import { defaultDataConfig, HOUR_MS } from '../../../electron/sample-api/data-config';
import { recordsInWindow, recordsNewestFirst } from '../../../electron/sample-api/generate';
import { EXPORT_TYPES } from '../../../shared/domain';
import { recordTimeField } from '../../../shared/schemas/records';

const NOW = Date.parse('2026-03-20T10:30:00Z');
const config = defaultDataConfig(7, NOW);
const DAY = 24 * HOUR_MS;

describe('synthetic data', () => {
  it.each(EXPORT_TYPES)('%s: same seed and clock give the same records; another seed does not', (type) => {
    const a = [...recordsInWindow(config, type, NOW - 6 * HOUR_MS, NOW)];
    const b = [...recordsInWindow(defaultDataConfig(7, NOW), type, NOW - 6 * HOUR_MS, NOW)];
    const c = [...recordsInWindow(defaultDataConfig(8, NOW), type, NOW - 6 * HOUR_MS, NOW)];
    expect(a.length).toBeGreaterThan(0);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it.each(EXPORT_TYPES)('%s: records are in time order and inside [from, to), with the time field matching', (type) => {
    const from = NOW - DAY + 1234;
    const to = NOW - 3 * HOUR_MS - 77;
    let previous = -Infinity;
    for (const { t, record } of recordsInWindow(config, type, from, to)) {
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThan(to);
      expect(t).toBeGreaterThanOrEqual(previous);
      expect(Date.parse((record as unknown as Record<string, string>)[recordTimeField[type]]!)).toBe(t);
      previous = t;
    }
  });

  it('a window is the union of its halves (hour generation does not depend on the window)', () => {
    const mid = NOW - 5 * HOUR_MS - 12_345;
    const whole = [...recordsInWindow(config, 'events', NOW - 10 * HOUR_MS, NOW)].map((r) => r.record.id);
    const halves = [...recordsInWindow(config, 'events', NOW - 10 * HOUR_MS, mid), ...recordsInWindow(config, 'events', mid, NOW)].map((r) => r.record.id);
    expect(halves).toEqual(whole);
  });

  it('event ids are unique and escalation ids appear exactly on escalate events', () => {
    const events = [...recordsInWindow(config, 'events', NOW - DAY, NOW)].map((r) => r.record);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const e of events) expect(e.escalation_id !== null).toBe(e.verdict === 'escalate');
    const verdicts = new Set(events.map((e) => e.verdict));
    expect([...verdicts].sort()).toEqual(['allow', 'block', 'escalate', 'redact']);
  });

  it('every escalation links to an escalate event with the same request, and none is created after now', () => {
    const events = new Map([...recordsInWindow(config, 'events', NOW - DAY, NOW)].map((r) => [r.record.id, r.record]));
    const escalations = [...recordsInWindow(config, 'escalations', NOW - DAY, NOW)].map((r) => r.record);
    expect(escalations.length).toBeGreaterThan(0);
    for (const esc of escalations) {
      const event = events.get(esc.event_id);
      expect(event?.verdict).toBe('escalate');
      expect(event?.escalation_id).toBe(esc.id);
      expect(esc.request_id).toBe(event?.request_id);
      expect(Date.parse(esc.created_at)).toBeLessThan(NOW);
      expect(esc.status === 'resolved').toBe(esc.resolved_at !== null);
    }
  });

  it('escalations stay in time order at high volume (creation delays differ per escalation)', () => {
    const busy = defaultDataConfig(7, NOW, { eventsPerHour: 20_000 });
    let previous = -Infinity;
    let count = 0;
    for (const { t } of recordsInWindow(busy, 'escalations', NOW - 3 * HOUR_MS, NOW)) {
      expect(t).toBeGreaterThanOrEqual(previous);
      previous = t;
      count++;
    }
    expect(count).toBeGreaterThan(1000);
  });

  it('traces: one root span per request, children point at it', () => {
    const spans = [...recordsInWindow(config, 'traces', NOW - 2 * HOUR_MS, NOW - HOUR_MS)].map((r) => r.record);
    const roots = spans.filter((s) => s.parent_span_id === null);
    const rootIds = new Set(roots.map((s) => s.span_id));
    expect(roots.every((r) => r.name === 'gateway.request')).toBe(true);
    const orphans = spans.filter((s) => s.parent_span_id !== null && !rootIds.has(s.parent_span_id));
    // A child can start in the next hour only if clamped; within one window every parent is present.
    expect(orphans).toEqual([]);
  });

  it('the config rollout is inside the default 24h window, with a config.deployed audit entry per environment', () => {
    const versions = new Set([...recordsInWindow(config, 'events', NOW - DAY, NOW)].map((r) => r.record.config_version));
    expect([...versions].sort()).toEqual(['0.1.0', '0.2.0']);
    const deployments = [...recordsInWindow(config, 'audit-log', NOW - DAY, NOW)].filter((r) => r.record.action === 'config.deployed');
    expect(deployments.map((d) => d.record.environment).sort()).toEqual(['production', 'staging']);
    for (const d of deployments) expect(d.t).toBe(config.rollout.at[d.record.environment]);
  });

  it('an outage has no records of any type', () => {
    const outage = { from: NOW - 5 * HOUR_MS, to: NOW - 3 * HOUR_MS };
    const withOutage = { ...config, outages: [outage] };
    for (const type of EXPORT_TYPES) {
      expect([...recordsInWindow(withOutage, type, outage.from, outage.to)]).toEqual([]);
    }
    expect([...recordsInWindow(withOutage, 'events', outage.from - HOUR_MS, outage.from)].length).toBeGreaterThan(0);
  });

  it('nothing before data start or at/after now', () => {
    expect([...recordsInWindow(config, 'events', config.dataStart - DAY, config.dataStart)]).toEqual([]);
    expect([...recordsInWindow(config, 'events', NOW, NOW + DAY)]).toEqual([]);
  });

  it('newest-first yields the same records as the window, reversed', () => {
    const forward = [...recordsInWindow(config, 'events', NOW - 3 * HOUR_MS, NOW)].map((r) => r.record.id);
    const backward = [...recordsNewestFirst(config, 'events', NOW - 3 * HOUR_MS, NOW - 1)].map((r) => r.record.id);
    expect(backward).toEqual([...forward].reverse());
  });
});
