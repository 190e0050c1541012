// Input

// Helpers other writers may share
export { escapeAttribute, escapeMarkup, truncate } from './escape-markup.ts';
// Writers
export { formatComparison } from './format-comparison.ts';
export type { FormatTableOptions } from './format-table.ts';
export { formatTable } from './format-table.ts';
export { metricRows } from './format-values.ts';
export type { RecordedCase } from './recorded-cases.ts';
export { casesOfDetails, RECORDED_OUTPUT_CHARS, recordedCases } from './recorded-cases.ts';
export { recordedCasesOf, recordedDetails } from './recorded-details.ts';
export type { ComparisonSection, SuiteReport } from './report-types.ts';
export type { TestedWith } from './tested-with.ts';
export { testedWithOf } from './tested-with.ts';
export type { ThresholdRow } from './threshold-rows.ts';
export { thresholdRows } from './threshold-rows.ts';
export type { HtmlReportOptions } from './to-html-report.ts';
export { toHtmlReport } from './to-html-report.ts';
export type { JsonReport } from './to-json-report.ts';
export { toJsonReport } from './to-json-report.ts';
export type { JUnitOptions } from './to-junit-xml.ts';
export { toJUnitXml } from './to-junit-xml.ts';
