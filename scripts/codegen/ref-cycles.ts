/**
 * Finds `$ref` cycles with no schema in between (`A → B → A`, `A → A`, also among parameters,
 * responses, request bodies and path items) and over-long `$ref` chains. A cycle through a
 * property or `items` is a recursive type and fine; one through only `$ref`/`allOf`/`anyOf`/
 * `oneOf` describes nothing (`type A = A | B`), and every tool that follows it loops or overflows.
 * @see https://spec.openapis.org/oas/v3.1.0#reference-object
 */
import { resolvePointer } from './refs.js';
import { MAX_REF_CHAIN } from './spec-limits.js';
import { SpecError, joinPointer } from './spec-error.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Edge {
  node: Obj;
  /** Where the target lives. */
  pointer: string;
  /** The `$ref` or composition keyword that leads there. */
  via: string;
}

/** Keywords whose subschemas stand for the schema itself (no structure in between). */
const TRANSPARENT = ['allOf', 'anyOf', 'oneOf'] as const;

function edgesOf(document: Obj, node: Obj, pointer: string): Edge[] {
  const edges: Edge[] = [];
  const ref = node.$ref;
  if (typeof ref === 'string' && ref.startsWith('#')) {
    const target = resolvePointer(document, ref);
    if (isObj(target)) edges.push({ node: target, pointer: ref, via: joinPointer(pointer, '$ref') });
  }
  for (const keyword of TRANSPARENT) {
    const list = node[keyword];
    if (!Array.isArray(list)) continue;
    list.forEach((item, index) => {
      if (isObj(item)) edges.push({ node: item, pointer: joinPointer(pointer, keyword, index), via: joinPointer(pointer, keyword, index) });
    });
  }
  return edges;
}

interface Frame {
  node: Obj;
  pointer: string;
  edges: Edge[];
  next: number;
}

/**
 * Throws one SpecError at the first cycle or over-long chain reachable from `starts` (nodes that
 * hold a `$ref` or a composition, with their pointers). Iterative and linear in the nodes seen.
 */
export function checkRefCycles(file: string, document: Obj, starts: ReadonlyArray<readonly [Obj, string]>): void {
  const state = new Map<Obj, 'open' | 'done'>();
  /** For finished nodes: how many `$ref` hops in a row start there. */
  const hops = new Map<Obj, number>();
  for (const [start, startPointer] of starts) {
    if (state.has(start)) continue;
    const stack: Frame[] = [{ node: start, pointer: startPointer, edges: edgesOf(document, start, startPointer), next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edge = top.edges[top.next++];
      if (!edge) {
        const ref = top.edges.find((e) => e.via.endsWith('/$ref'));
        const chain = ref ? 1 + (hops.get(ref.node) ?? 0) : 0;
        if (chain > MAX_REF_CHAIN) {
          throw new SpecError(file, ref!.via, `a chain of more than ${MAX_REF_CHAIN} $refs in a row starts here (limit in scripts/codegen/spec-limits.ts)`);
        }
        hops.set(top.node, chain);
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      const seen = state.get(edge.node);
      if (seen === 'done') continue;
      if (seen === 'open') {
        const from = stack.findIndex((frame) => frame.node === edge.node);
        const loop = [...stack.slice(from).map((frame) => frame.pointer), edge.pointer];
        throw new SpecError(file, stack[from]!.edges[stack[from]!.next - 1]!.via, `$ref cycle with no schema in between: ${loop.join(' → ')}`);
      }
      state.set(edge.node, 'open');
      stack.push({ node: edge.node, pointer: edge.pointer, edges: edgesOf(document, edge.node, edge.pointer), next: 0 });
    }
  }
}
