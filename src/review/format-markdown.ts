/** The review as Markdown (a PR comment or a wiki page): the same fields, one section per service. */
import type { ServiceReport } from './types.js';

/** `|` and newlines would break a table row. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Renders one service's report. */
export function formatServiceMarkdown(report: ServiceReport): string {
  const { architecture: a, reliability: r, security: s, risk } = report;
  const rows: Array<[string, string, string]> = [
    ['Architecture', 'Layer separation', a.layerSeparation],
    ['Architecture', 'Error handling', a.errorHandling],
    ['Architecture', 'Retry strategy', a.retryStrategy],
    ['Architecture', 'Caching', a.caching],
    ['Reliability', 'Timeout configured', r.timeoutConfigured],
    ['Reliability', 'Retry logic', r.retryLogic],
    ['Reliability', 'Offline support', r.offlineSupport],
    ['Reliability', 'Error recovery', r.errorRecovery],
    ['Security', 'Token management', s.tokenManagement],
    ['Security', 'Data in transit', s.dataInTransit],
    ['Risk', 'Production risk', risk.productionRisk],
    ['Risk', 'User impact', risk.userImpact],
    ['Risk', 'Rollback complexity', risk.rollbackComplexity],
  ];
  const issues = [
    ...report.issues.map((f) => `- **${f.title}** (\`${f.rule}\`, ${f.severity}): ${f.description}`),
    ...report.notAssessed.map((n) => `- **Not assessed: ${n.what}** (\`${n.rule}\`): ${n.why}`),
  ];
  return [
    `## Service \`${report.service}\``,
    '',
    `File: \`${report.file}\``,
    '',
    '| Area | Check | Verdict |',
    '| --- | --- | --- |',
    ...rows.map(([area, check, verdict]) => `| ${area} | ${check} | **${cell(verdict)}** |`),
    '',
    '### Issues found',
    '',
    ...(issues.length > 0 ? issues : ['None found.']),
    '',
    '### Recommendations',
    '',
    ...(report.recommendations.length > 0 ? report.recommendations.map((line) => `- ${line}`) : ['None.']),
    '',
  ].join('\n');
}

/** Renders every service's report under one title. */
export function formatMarkdown(reports: ReadonlyArray<ServiceReport>): string {
  return ['# Mobile backend integration review', '', ...reports.map(formatServiceMarkdown)].join('\n');
}
