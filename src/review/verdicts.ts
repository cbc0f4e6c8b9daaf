/**
 * Verdict lines and the risk assessment from findings. A verdict is the negative value exactly
 * when a finding (or something not assessed) feeds it: what the review cannot see, it does not
 * vouch for.
 */
import type { Finding, NotAssessed, ServiceReport, VerdictKey } from './types.js';

type Verdicts = Pick<ServiceReport, 'architecture' | 'reliability' | 'security'>;

/** The ARCHITECTURE / RELIABILITY / SECURITY lines for one service. */
export function verdictsOf(issues: ReadonlyArray<Finding>, notAssessed: ReadonlyArray<NotAssessed>): Verdicts {
  const bad = new Set<VerdictKey>([...issues.flatMap((f) => f.verdicts), ...notAssessed.flatMap((n) => n.verdicts)]);
  const pick = <G extends string, B extends string>(key: VerdictKey, good: G, badValue: B): G | B => (bad.has(key) ? badValue : good);
  return {
    architecture: {
      layerSeparation: pick('layerSeparation', 'GOOD', 'NEEDS WORK'),
      errorHandling: pick('errorHandling', 'GOOD', 'NEEDS WORK'),
      retryStrategy: pick('retryStrategy', 'IMPLEMENTED', 'MISSING'),
      caching: pick('caching', 'IMPLEMENTED', 'MISSING'),
    },
    reliability: {
      timeoutConfigured: pick('timeoutConfigured', 'YES', 'NO'),
      retryLogic: pick('retryLogic', 'YES', 'NO'),
      offlineSupport: pick('offlineSupport', 'YES', 'NO'),
      errorRecovery: pick('errorRecovery', 'ADEQUATE', 'INADEQUATE'),
    },
    security: {
      tokenManagement: pick('tokenManagement', 'SECURE', 'INSECURE'),
      dataInTransit: pick('dataInTransit', 'ENCRYPTED', 'EXPOSED'),
    },
  };
}

/**
 * - Production risk: HIGH when anything could not be assessed or a high-severity finding stands;
 *   MEDIUM for a medium one; LOW otherwise (low findings are hygiene).
 * - User impact (medium and high findings only): SYSTEMIC when one reaches several services or
 *   the whole integration (an option, a server); PARTIAL when one touches several operations of
 *   this service; LOCAL otherwise.
 * - Rollback complexity: HARD when a fix needs a breaking spec change (a new SDK major for every
 *   app), MODERATE when it needs a server change, EASY when app configuration is enough.
 */
export function assessRisk(
  issues: ReadonlyArray<Finding>,
  notAssessed: ReadonlyArray<NotAssessed>,
  reach: ReadonlyArray<{ rule: string; services: number }>,
): ServiceReport['risk'] {
  const productionRisk = notAssessed.length > 0 || issues.some((f) => f.severity === 'high') ? 'HIGH' : issues.some((f) => f.severity === 'medium') ? 'MEDIUM' : 'LOW';
  const serious = issues.filter((f) => f.severity !== 'low');
  const servicesOf = (f: Finding) => reach.find((r) => r.rule === f.rule)?.services ?? 1;
  const userImpact = serious.some((f) => f.global || servicesOf(f) > 1) ? 'SYSTEMIC' : serious.some((f) => f.operations.length > 1) ? 'PARTIAL' : 'LOCAL';
  const rollbackComplexity = issues.some((f) => f.fixScope === 'breaking') ? 'HARD' : issues.some((f) => f.fixScope === 'server') ? 'MODERATE' : 'EASY';
  return { productionRisk, userImpact, rollbackComplexity };
}
