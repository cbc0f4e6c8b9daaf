/**
 * Runs every rule over the facts and turns the results into one report per service (tag):
 * findings restricted to the service's operations (SDK-wide ones in every service), the verdict
 * lines, recommendations and the risk assessment.
 */
import { RULES } from './rules/index.js';
import type { Rule, RuleResult } from './rule.js';
import { assessRisk, verdictsOf } from './verdicts.js';
import type { FixScope, Finding, NotAssessed, ReviewInput, ReviewOperation, ServiceReport } from './types.js';

/** Operations named in full in a text description; the JSON output always lists all. */
const NAMED_IN_TEXT = 4;
const SCOPE_ORDER: ReadonlyArray<FixScope> = ['client', 'server', 'breaking'];
const SEVERITY_ORDER = ['high', 'medium', 'low'] as const;

/** Reviews one spec or SDK; one report per service, in the order services first appear. */
export function analyse(input: ReviewInput, rules: ReadonlyArray<Rule> = RULES): ServiceReport[] {
  const results = rules.map((rule) => ({ rule, result: rule.check(input) }));
  const notAssessed: NotAssessed[] = results.flatMap(({ rule, result }) =>
    (result.notAssessed ?? []).map((n) => ({ rule: rule.id, what: n.what, why: n.why, verdicts: rule.verdicts })),
  );
  const services = [...new Set(input.operations.map((op) => op.service))];
  return services.map((service) => {
    const issues = results.flatMap(({ rule, result }) => findingsFor(rule, result, service));
    const verdicts = verdictsOf(issues, notAssessed);
    return {
      file: input.file,
      service,
      ...verdicts,
      issues,
      notAssessed,
      recommendations: recommendations(issues, notAssessed),
      risk: assessRisk(issues, notAssessed, results.map(({ rule, result }) => ({ rule: rule.id, services: servicesTouched(result) }))),
    };
  });
}

/** The findings one rule's result means for one service. */
function findingsFor(rule: Rule, result: RuleResult, service: string): Finding[] {
  const base = { rule: rule.id, title: rule.title, severity: rule.severity, verdicts: rule.verdicts, fix: rule.fix };
  const findings: Finding[] = [];
  const global = result.global ?? [];
  if (global.length > 0) {
    const what = global.map((g) => `${g.description} (${g.pointers.join(', ')})`).join('; ');
    findings.push({ ...base, description: `${what}: ${rule.problem}`, operations: [], pointers: global.flatMap((g) => g.pointers), fixScope: rule.fixScope, global: true });
  }
  const hits = (result.hits ?? []).filter((h) => h.operation.service === service);
  if (hits.length > 0) {
    const named = hits.slice(0, NAMED_IN_TEXT).map((h) => describeOperation(h.operation, h.pointer ?? h.operation.pointer, h.detail));
    const more = hits.length > NAMED_IN_TEXT ? ` and ${hits.length - NAMED_IN_TEXT} more` : '';
    const scope = hits.map((h) => h.fixScope ?? rule.fixScope).reduce((a, b) => (SCOPE_ORDER.indexOf(b) > SCOPE_ORDER.indexOf(a) ? b : a));
    findings.push({
      ...base,
      description: `${named.join('; ')}${more}: ${rule.problem}`,
      operations: hits.map((h) => h.operation.sdkName),
      pointers: [...new Set(hits.map((h) => h.pointer ?? h.operation.pointer))],
      fixScope: scope,
      global: false,
    });
  }
  return findings;
}

function describeOperation(op: ReviewOperation, pointer: string, detail: string | undefined): string {
  return `${op.sdkName} (${op.method.toUpperCase()} ${op.path}, ${pointer}${detail === undefined ? '' : `, ${detail}`})`;
}

/** How many services a rule's hits reach; Infinity for SDK-wide findings. */
function servicesTouched(result: RuleResult): number {
  if ((result.global ?? []).length > 0) return Infinity;
  return new Set((result.hits ?? []).map((h) => h.operation.service)).size;
}

function recommendations(issues: ReadonlyArray<Finding>, notAssessed: ReadonlyArray<NotAssessed>): string[] {
  const sorted = [...issues].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const lines = [...new Set(sorted.map((f) => f.fix))];
  for (const n of notAssessed) lines.push(`Make ${n.what} assessable: ${n.why}.`);
  return [...new Set(lines)];
}
