import type { ExportFormat, ExportType } from '../../../shared/domain';

/** Export types as the product docs name them. */
export const TYPE_LABELS: Record<ExportType, string> = { events: 'Events', traces: 'Traces', escalations: 'Escalations', 'audit-log': 'Audit log' };

/** The docs' one-line guidance on which audience each format serves (Step 2 of "Export Evidence for a Review"). */
export const FORMAT_GUIDANCE: Record<ExportFormat, string> = {
  csv: 'Choose CSV for spreadsheet review, ticket attachments, or executive summaries.',
  json: 'Choose JSON when another system or a technical reviewer needs the full event structure.',
};
