/**
 * `npm run lint`'s check for dead exports: every name exported from src-main or src-renderer must
 * be imported somewhere else (by code, tests, benches or scripts). An export nobody imports is
 * dead code. A name its own file uses too is let be (knip's `ignoreExportsUsedInFile`): a type in
 * an exported signature, a constant a test may reach. Reads the files with the TypeScript parser;
 * `export *` and dynamic `import()` count as using every export of their module.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const EXPORTING = ['src-main', 'src-renderer'];
const IMPORTING = [...EXPORTING, 'tests', 'scripts'];
const SKIP = new Set(['node_modules', 'dist', 'release', 'test-results', 'playwright-report', 'fixtures']);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return SKIP.has(name) ? [] : filesUnder(full);
    return /\.(ts|mts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The TypeScript of a file: a component's `<script>` blocks, else the whole file. */
function sourceOf(file: string): ts.SourceFile {
  const text = readFileSync(file, 'utf8');
  const code = file.endsWith('.svelte') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
  return ts.createSourceFile(file, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
}

/** The file a relative specifier names (`./x.js` is `./x.ts`), or null for a package. */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, base.replace(/\.js$/, '.mts'), path.join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

const exported = new Map<string, Set<string>>();
/** How often each identifier stands in each file. */
const mentions = new Map<string, Map<string, number>>();
const used = new Map<string, Set<string>>();
const everything = new Set<string>();
const use = (file: string | null, name: string) => {
  if (file) (used.get(file) ?? used.set(file, new Set()).get(file)!).add(name);
};

const hasExport = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

function countMentions(file: string, source: ts.SourceFile): void {
  const counts = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  mentions.set(file, counts);
}

function collectExports(file: string, source: ts.SourceFile): void {
  countMentions(file, source);
  const names = new Set<string>();
  for (const node of source.statements) {
    if (ts.isExportDeclaration(node) && !node.moduleSpecifier && node.exportClause && ts.isNamedExports(node.exportClause)) {
      for (const e of node.exportClause.elements) names.add(e.name.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && node.exportClause && ts.isNamedExports(node.exportClause)) {
      for (const e of node.exportClause.elements) names.add(e.name.text);
    } else if (hasExport(node) && ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    } else if (hasExport(node) && 'name' in node && node.name && ts.isIdentifier(node.name as ts.Node)) {
      if (!(ts.getModifiers(node as ts.HasModifiers) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) {
        names.add((node.name as ts.Identifier).text);
      }
    }
  }
  exported.set(file, names);
}

function collectImports(file: string, source: ts.SourceFile): void {
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolve(file, node.moduleSpecifier.text);
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && target) everything.add(target);
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) use(target, (e.propertyName ?? e.name).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolve(file, node.moduleSpecifier.text);
      if (!node.exportClause && target) everything.add(target);
      if (node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const e of node.exportClause.elements) use(target, (e.propertyName ?? e.name).text);
      }
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) {
        const target = resolve(file, arg.text);
        if (target) everything.add(target);
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      const target = resolve(file, node.argument.literal.text);
      if (target && node.qualifier && ts.isIdentifier(node.qualifier)) use(target, node.qualifier.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

for (const dir of IMPORTING) {
  for (const file of filesUnder(path.join(root, dir))) {
    const source = sourceOf(file);
    if (EXPORTING.some((d) => file.startsWith(path.join(root, d) + path.sep))) collectExports(file, source);
    collectImports(file, source);
  }
}

const dead = [...exported].flatMap(([file, names]) =>
  everything.has(file)
    ? []
    : [...names]
        .filter((n) => !used.get(file)?.has(n) && (mentions.get(file)?.get(n) ?? 0) < 2)
        .map((n) => `${path.relative(root, file)}: ${n}`),
);
if (dead.length > 0) {
  console.error(`Exported but imported nowhere (remove them, or the export keyword):\n  ${dead.join('\n  ')}`);
  process.exit(1);
}
