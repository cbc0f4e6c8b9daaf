/**
 * The runtime's import graph and the rules DESIGN.md sets for it ("Runtime layout"): every
 * file's layer is its first folder under src/; a file may import its own layer or a lower one,
 * never a higher one, and no chain of imports may come back to where it started.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Floors from the bottom up; a file in src/ itself (runtime.ts, index.ts, client.ts) is `top`. */
export const LAYERS = ['contract', 'platform', 'errors', 'network', 'auth', 'service', 'repository', 'top', 'review'] as const;
export type Layer = (typeof LAYERS)[number];

/** Files (relative to src/, `/`-separated) → the relative files they import. */
export type ImportGraph = ReadonlyMap<string, ReadonlyArray<string>>;

/** A rule broken by one import or one cycle, printed as the edge(s) that break it. */
export interface Violation {
  readonly kind: 'upward' | 'cycle' | 'unknown-layer';
  readonly message: string;
}

/** The layer a file belongs to, by its first folder; undefined for an unknown folder. */
export function layerOf(file: string): Layer | undefined {
  const parts = file.split('/');
  if (parts.length === 1) return 'top';
  return (LAYERS as ReadonlyArray<string>).includes(parts[0]!) && parts[0] !== 'top' ? (parts[0] as Layer) : undefined;
}

/**
 * Every relative import of every .ts file under `srcDir`, found by TypeScript's own
 * pre-processor (static imports, `export … from`, `import type`, dynamic `import()`), so
 * comments and strings that merely look like imports are not counted.
 */
export function readImportGraph(srcDir: string): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const path of listTs(srcDir)) {
    const info = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => toKey(srcDir, resolve(dirname(path), name.replace(/\.js$/, '.ts'))));
    graph.set(toKey(srcDir, path), [...new Set(targets)]);
  }
  return graph;
}

/** Upward imports, files outside any known layer, and every import cycle (one per strongly connected group). */
export function checkLayers(graph: ImportGraph): Violation[] {
  const violations: Violation[] = [];
  for (const [from, targets] of graph) {
    const fromLayer = layerOf(from);
    if (fromLayer === undefined) {
      violations.push({ kind: 'unknown-layer', message: `${from} is in no layer (folders: ${LAYERS.join(', ')})` });
      continue;
    }
    for (const to of targets) {
      const toLayer = layerOf(to);
      if (toLayer !== undefined && LAYERS.indexOf(toLayer) > LAYERS.indexOf(fromLayer)) {
        violations.push({ kind: 'upward', message: `upward import: ${from} (${fromLayer}) → ${to} (${toLayer})` });
      }
    }
  }
  for (const cycle of findCycles(graph)) {
    violations.push({ kind: 'cycle', message: `import cycle: ${[...cycle, cycle[0]].join(' → ')}` });
  }
  return violations;
}

/** One cycle (as a path of files) per strongly connected group of files; Tarjan's algorithm. */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue; // a file outside src/ (or missing): tsc reports that
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.add(member);
    } while (member !== node);
    const selfLoop = graph.get(node)?.includes(node) ?? false;
    if (group.size > 1 || selfLoop) cycles.push(pathWithin(graph, node, group));
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** A concrete cycle through `start` inside its group (breadth-first, so the shortest one). */
function pathWithin(graph: ImportGraph, start: string, group: ReadonlySet<string>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!group.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(parent.get(path[0]!)!);
        return path;
      }
      if (!parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function toKey(srcDir: string, path: string): string {
  return relative(srcDir, path).split(sep).join('/');
}
