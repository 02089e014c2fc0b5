/** The reviewer's path, in order. The renderer's navigation and the app menu both come from this list. */
export const STEPS = [
  { id: 'workspace', label: 'Workspace', summary: 'Where evidence comes from: the demo (sample data), a Keeptrusts API with its token, or offline files.' },
  { id: 'scope', label: 'Scope', summary: 'Time window, environment, config version, export types, IDs to cross-reference, and why.' },
  { id: 'format', label: 'Format', summary: 'CSV for spreadsheets and tickets, JSON for systems and technical reviewers, per export type.' },
  { id: 'pull', label: 'Pull', summary: 'Preview what the API holds, run the export jobs and download them, or import files carried in by hand.' },
  { id: 'validate', label: 'Validate', summary: 'Check every file against the scope: empty, timestamps, coverage, environment, config version, format, integrity.' },
  { id: 'note', label: 'Note', summary: 'Why the evidence was exported, which incident it supports, the IDs to cross-reference, known limitations.' },
  { id: 'packet', label: 'Packet', summary: 'Write the signed evidence packet: a BagIt bag in a zip that anyone can verify offline.' },
  { id: 'verify', label: 'Verify', summary: 'Open a packet and see whether every byte is as signed, and by whom.' },
  { id: 'history', label: 'History', summary: 'The packets made in this workspace, with their custody entries: open, verify or show them again.' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];
export const STEP_IDS = STEPS.map((s) => s.id) as StepId[];

/** True for one of the path's step ids. */
export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && (STEP_IDS as string[]).includes(value);
}
