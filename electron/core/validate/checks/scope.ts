import type { CheckResult, VersionSeen } from '../../../../shared/schemas/validation';
import { isoInstant } from '../instant';
import type { FileCheckContext } from '../types';
import { allOf, countIs, result } from './result';

/** 4. Every record from the scope's environment. */
export function checkEnvironment({ facts, scope }: FileCheckContext): CheckResult {
  const seen = Object.fromEntries(facts.environments);
  if (facts.records === 0) return result('environment', 'skipped', 'No records to check.');
  if (facts.examined === 0) return result('environment', 'skipped', 'None of the records could be read (see Format conformance).');
  if (scope.environment === null) {
    return result('environment', 'skipped', `The scope names no environment; records come from ${Object.keys(seen).map((e) => e || '(empty)').join(', ')}.`, {
      evidence: { environments: seen },
      fix: 'Write the environment into the scope so the check can confirm it.',
    });
  }
  const mismatches = facts.environmentMismatches.count;
  if (mismatches === 0) return result('environment', 'pass', `${allOf(facts.records, 'record')} from ${scope.environment}.`, { evidence: { expected: scope.environment, environments: seen } });
  const others = Object.fromEntries(Object.entries(seen).filter(([e]) => e !== scope.environment));
  return result('environment', 'fail', `${countIs(mismatches, 'record')} not from ${scope.environment}: ${Object.entries(others).map(([e, n]) => `${e || '(empty)'} ${n.toLocaleString('en-US')}`).join(', ')}.`, {
    evidence: { expected: scope.environment, environments: seen, mismatches: others },
    examples: facts.environmentMismatches.examples,
    fix: `Export again with the environment filter set to ${scope.environment}, or widen the scope if the other environments belong in this review.`,
  });
}

/** How the versions follow one another in each environment: rollouts (one after the other) or a mix. */
function transitions(versions: VersionSeen[]): { environment: string; from: string; to: string; at: string; interleaved: boolean }[] {
  const out: { environment: string; from: string; to: string; at: string; interleaved: boolean }[] = [];
  const byEnvironment = new Map<string, VersionSeen[]>();
  for (const v of versions) byEnvironment.set(v.environment, [...(byEnvironment.get(v.environment) ?? []), v]);
  for (const [environment, list] of byEnvironment) {
    const ordered = [...list].sort((a, b) => a.first.localeCompare(b.first));
    for (let i = 1; i < ordered.length; i++) {
      const before = ordered[i - 1]!;
      const after = ordered[i]!;
      out.push({ environment, from: before.version, to: after.version, at: after.first, interleaved: before.last > after.first });
    }
  }
  return out;
}

/** 5. The config version(s) in force, and whether the expected one was the only one. */
export function checkConfigVersion({ facts, scope, file }: FileCheckContext): CheckResult {
  if (facts.records === 0) return result('config-version', 'skipped', 'No records to check.');
  if (facts.versions.length === 0 && facts.records > 0 && (file.type === 'traces' || file.type === 'audit-log')) {
    return result('config-version', 'skipped', `${file.type} records carry no config version.`);
  }
  // Versions are placed in time: with no record read, or none with a valid time, there is nothing to say.
  if (facts.versions.length === 0) return result('config-version', 'skipped', 'No record with a valid time could be read (see Time coverage and Format conformance).');
  const versions: VersionSeen[] = facts.versions.map((v) => ({ version: v.version, environment: v.environment, count: v.count, first: isoInstant(v.first), last: isoInstant(v.last) }));
  const names = [...new Set(versions.map((v) => v.version))];
  const changes = transitions(versions);
  const evidence: Record<string, unknown> = { expected: scope.configVersion, versions, transitions: changes };
  const described = changes.map((c) => (c.interleaved ? `${c.environment} mixes ${c.from} and ${c.to} from ${c.at}` : `${c.environment} moved from ${c.from} to ${c.to} at ${c.at}`));
  const expected = scope.configVersion;
  if (expected !== null && !names.includes(expected)) {
    return result('config-version', 'fail', `No record ran config version ${expected}; the file has ${names.map((n) => n || '(empty)').join(', ')}.`, {
      evidence,
      fix: 'Check the scope\'s expected config version, or the window: the deployment you are reviewing may be outside it.',
    });
  }
  if (names.length === 1) {
    return result('config-version', 'pass', expected ? `Every record ran ${expected}.` : `Every record ran ${names[0] || '(empty)'} (the scope expects no particular version).`, { evidence });
  }
  const lead = expected ? `${expected} is not the only version: ` : `The scope expects no particular version, and several ran: `;
  return result('config-version', 'warn', `${lead}${described.join('; ')}.`, {
    evidence,
    fix: 'A rollout inside the window is expected evidence, not an error: say in the note which records ran which version, or narrow the window to one side of the rollout.',
  });
}
