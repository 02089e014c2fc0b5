// A small, schema-valid packet spec built by hand (no files are read: buildBag and checkPacketSpec are pure).
import { generateSigningKey, type SigningKey } from '../../../electron/core/keys';
import type { PacketSpec } from '../../../electron/core/packet';
import type { EvidenceManifest } from '../../../shared/schemas/evidence';
import type { ValidationReport } from '../../../shared/schemas/validation';

export const SHA_EVENTS = 'a1'.repeat(32);
export const SHA_TRACES = 'b2'.repeat(32);

export function validationReport(): ValidationReport {
  return {
    format: 'evidence-validation-report',
    format_version: 1,
    generated_at: '2026-03-20T10:40:00.000Z',
    scope: { window: { relative: '24h', from: '2026-03-19T10:30:00Z', to: '2026-03-20T10:30:00Z' }, types: ['events', 'traces'], request_ids: ['req-1'], escalation_ids: [] },
    settings: { retention_hours: 720, filename_tolerance_seconds: 300 },
    overall: 'pass',
    counts: { pass: 1, skipped: 0, warn: 0, fail: 0 },
    files: [],
    checks: [],
    xref: { request_ids: [{ id: 'req-1', found: [], total: 0 }], escalation_ids: [] },
    limitations: [],
  };
}

export function evidence(key: SigningKey, overrides: Partial<EvidenceManifest> = {}): EvidenceManifest {
  const exported = (name: string, sha256: string, bytes: number) => ({
    path: `data/exports/${name}`,
    original_filename: name,
    type: 'events' as const,
    format: 'csv' as const,
    bytes,
    sha256,
    records: 3,
    first_record_at: '2026-03-19T11:00:00Z',
    last_record_at: '2026-03-20T10:00:00Z',
    provenance: { kind: 'imported' as const, original_filename: name, original_modified_at: '2026-03-20T10:35:00Z', imported_by: 'Ana Silva (ana)', imported_at: '2026-03-20T10:36:00Z' },
  });
  return {
    packet_id: 'pkt-1',
    format: 'evidence-packet',
    format_version: 1,
    created_at: '2026-03-20T11:00:00Z',
    generator: { name: 'Evidence Packager', version: '0.1.0' },
    reviewer: { name: 'Ana Silva', email: 'ana@example.com' },
    scope: {
      window: { as_entered: '24h', from: '2026-03-19T10:30:00Z', to: '2026-03-20T10:30:00Z' },
      environment: 'production',
      config_version: 'cfg-42',
      types: ['events', 'traces'],
      request_ids: ['req-1', 'req-2'],
      escalation_ids: ['esc-9'],
      references: ['INC-4711', 'REV-2026-Q1'],
      why: 'Quarterly review of the gateway.',
      control_tags: ['SOC2:CC7.2'],
    },
    exports: [exported('events.csv', SHA_EVENTS, 1000), exported('traces.csv', SHA_TRACES, 2500)],
    validation: { overall: 'pass', generated_at: '2026-03-20T10:40:00.000Z', checks: [] },
    xref: { request_ids: [{ id: 'req-1', found: [], total: 0 }], escalation_ids: [] },
    limitations: [],
    signer: { algorithm: 'ed25519', fingerprint: key.fingerprint },
    ...overrides,
  };
}

/** A valid spec; the export paths point nowhere (nothing here reads them). */
export function spec(overrides: Partial<PacketSpec> = {}, key = generateSigningKey()): PacketSpec {
  return {
    packetId: 'pkt-1',
    createdAt: '2026-03-20T11:00:00Z',
    sourceOrganization: 'Example Health Ltd',
    evidence: evidence(key),
    payload: {
      note: '# Note\n',
      reportHtml: '<!doctype html><title>r</title>\n',
      validation: validationReport(),
      custodyJson: '{"format":"evidence-custody","format_version":1,"entries":[]}\n',
      exports: [
        { path: '/nowhere/events.csv', originalFilename: 'events.csv' },
        { path: '/nowhere/traces.csv', originalFilename: 'traces.csv' },
      ],
    },
    key,
    ...overrides,
  };
}
