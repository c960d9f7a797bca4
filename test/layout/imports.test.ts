import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers of the code, highest first: a module may import its own layer or any layer below it,
 * never one above. Reports and analytics share a layer; the workflow sits beside the activities (it
 * names them by type only, as Temporal recommends, and runs in a sandbox that must not load them).
 */
const LAYERS: { layer: string; rank: number }[] = [
  { layer: 'scripts', rank: 0 },
  { layer: 'runtime', rank: 1 },
  { layer: 'activities', rank: 2 },
  { layer: 'workflows', rank: 2 },
  { layer: 'analytics', rank: 3 },
  { layer: 'reports', rank: 3 },
  { layer: 'warehouse', rank: 4 },
  { layer: 'schemas', rank: 5 },
];

/** Tests, dev scripts and the vitest config may import anything: they stand outside the layers. */
const UNLAYERED = ['test/', 'scripts/dev/', 'vitest.config.ts'];

const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function trackedTypeScript(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--', '*.ts'], { cwd: ROOT, encoding: 'utf8' });
  return out
    .split('\0')
    .filter((f) => f.endsWith('.ts') && !f.startsWith('node_modules/') && existsSync(join(ROOT, f)));
}

/** The file a relative specifier names: `./x.js` is written for `./x.ts`. Package imports are skipped. */
function resolveSpecifier(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = normalize(join(dirname(from), specifier));
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => files.has(c)) ?? base;
}

/** Every static import and re-export of a file, read by the TypeScript parser (not by pattern). */
function staticImports(file: string, files: ReadonlySet<string>): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const edges: Edge[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    let typeOnly = false;
    if (ts.isImportDeclaration(statement)) {
      specifier = statement.moduleSpecifier;
      const clause = statement.importClause;
      typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      specifier = statement.moduleSpecifier;
      typeOnly = statement.isTypeOnly;
    }
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const to = resolveSpecifier(file, specifier.text, files);
    if (to) edges.push({ from: file, to, typeOnly });
  }
  return edges;
}

function rankOf(file: string): number | undefined {
  if (UNLAYERED.some((prefix) => file.startsWith(prefix))) return undefined;
  return LAYERS.find(({ layer }) => file.startsWith(`${layer}/`))?.rank;
}

/** An import that runs back up the layers; the workflow's type-only import of the activities is allowed. */
function runsUp(edge: Edge): boolean {
  const from = rankOf(edge.from);
  const to = rankOf(edge.to);
  if (from === undefined || to === undefined || to >= from) return false;
  return !(edge.typeOnly && edge.from.startsWith('workflows/') && edge.to.startsWith('activities/'));
}

/** The import circles: strongly connected components of more than one file, or a file importing itself. */
function circles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

describe('the import graph', () => {
  const files = trackedTypeScript();
  const tracked = new Set(files);
  const edges = files.flatMap((f) => staticImports(f, tracked));

  it('reads the imports of the whole tree', () => {
    // A parser that found nothing would make both checks below pass; the tree has hundreds of imports.
    expect(files.length).toBeGreaterThan(100);
    expect(edges.length).toBeGreaterThan(files.length);
    expect(edges.some((e) => e.from === 'activities/step.ts' && e.to === 'schemas/errors.ts')).toBe(true);
  });

  it('has no import circle', () => {
    expect(circles(edges).map((c) => c.join(' <-> '))).toEqual([]);
  });

  it('has no import that runs back up the layers (scripts -> runtime -> activities -> analytics / reports -> warehouse -> schemas)', () => {
    const offenders = edges.filter(runsUp).map((e) => `${e.from} -> ${e.to}`);
    expect(offenders).toEqual([]);
  });
});
