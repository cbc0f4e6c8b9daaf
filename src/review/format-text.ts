/** The review in the fixed plain-text format (issue #14), one block per service. */
import type { ServiceReport } from './types.js';

/** One line per problem; SDK-wide notes are the same in every block so each stands alone. */
function issueLines(report: ServiceReport): string[] {
  const lines = report.issues.map((f) => `- ${f.title}: ${f.description}`);
  for (const n of report.notAssessed) lines.push(`- Not assessed: ${n.what}: ${n.why}`);
  return lines.length > 0 ? lines : ['- None found: no rule fired for this service'];
}

/** Renders one service's report. */
export function formatServiceText(report: ServiceReport): string {
  const { architecture: a, reliability: r, security: s, risk } = report;
  return [
    'MOBILE BACKEND INTEGRATION REVIEW:',
    '',
    `FILE: ${report.file}`,
    `SERVICE: ${report.service}`,
    '',
    'ARCHITECTURE:',
    `- Layer separation: ${a.layerSeparation}`,
    `- Error handling: ${a.errorHandling}`,
    `- Retry strategy: ${a.retryStrategy}`,
    `- Caching: ${a.caching}`,
    '',
    'RELIABILITY:',
    `- Timeout configured: ${r.timeoutConfigured}`,
    `- Retry logic: ${r.retryLogic}`,
    `- Offline support: ${r.offlineSupport}`,
    `- Error recovery: ${r.errorRecovery}`,
    '',
    'SECURITY:',
    `- Token management: ${s.tokenManagement}`,
    `- Data in transit: ${s.dataInTransit}`,
    '',
    'ISSUES FOUND:',
    ...issueLines(report),
    '',
    'RECOMMENDATIONS:',
    ...(report.recommendations.length > 0 ? report.recommendations.map((line) => `- ${line}`) : ['- Keep the current setup; re-run the review when the spec or options change.']),
    '',
    'RISK ASSESSMENT:',
    `- Production risk: ${risk.productionRisk}`,
    `- User impact: ${risk.userImpact}`,
    `- Rollback complexity: ${risk.rollbackComplexity}`,
    '',
  ].join('\n');
}

/** Renders every service's report, blocks separated by a blank line. */
export function formatText(reports: ReadonlyArray<ServiceReport>): string {
  return reports.map(formatServiceText).join('\n');
}
