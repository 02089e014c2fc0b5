import type { VerificationView } from '../../../../shared/bridge/types';

type Finding = VerificationView['findings'][number];

const CHECK_LABELS: Record<string, string> = {
  'zip-safety': 'The zip itself',
  portability: 'Portable names',
  layout: 'Bag layout',
  bagit: 'bagit.txt',
  signature: 'Signature',
  'tag-manifest': 'Tag manifest',
  'payload-manifest': 'Payload manifest',
  'bag-info': 'bag-info.txt',
  'payload-oxum': 'Payload-Oxum',
  'evidence-schema': 'evidence.json schema',
  'evidence-agreement': 'evidence.json agreement',
  fingerprint: 'Signer fingerprint',
  custody: 'Custody chain',
  trust: 'Trust',
};

const SEVERITY_LABELS = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/** Findings grouped by check, in the order the checks ran; each with its severity, file and message, as text. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) groups.set(finding.check, [...(groups.get(finding.check) ?? []), finding]);
  return (
    <section aria-labelledby="findings-heading" className="verify-section">
      <h2 id="findings-heading">Findings</h2>
      {findings.length === 0 && <p className="muted">The verifier had nothing to report.</p>}
      {[...groups].map(([check, items]) => (
        <section key={check} aria-labelledby={`check-${check}`} className="finding-group">
          <h3 id={`check-${check}`}>{CHECK_LABELS[check] ?? check}</h3>
          <ul className="findings">
            {items.map((finding, index) => (
              <li key={index} className={`finding finding-${finding.severity}`}>
                <span className={`severity severity-${finding.severity}`}>{SEVERITY_LABELS[finding.severity]}</span>
                {finding.file !== null && <code className="finding-file">{finding.file}</code>}
                <span className="finding-message">{finding.message}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
