// The packet's human documents: data/NOTE.md and data/report.html (pure functions of their inputs).
export { renderNote, type NoteContext } from './note';
export { renderReport, REPORT_CSP, type ReportInput } from './report-html';
export { renderValue } from './report-parts';
export { renderCoverageSvg, type CoverageChartInput, type CoverageChartOptions } from './svg-chart';
export { escapeHtml, escapeMarkdownText, markdownCode, visible } from './escape';
