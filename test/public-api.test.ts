import * as path from 'path';
import * as ts from 'typescript';
import * as lib from '../lib';

/**
 * What `import { ... } from 'cdk-agentcore'` offers TypeScript users: every export of lib/index.ts, followed through
 * its `export *` chains, with the kind of declaration behind it.
 */
function entryPointExports(): Map<string, ts.SyntaxKind[]> {
  const entry = path.join(__dirname, '..', 'lib', 'index.ts');
  const program = ts.createProgram([entry], { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const exports = new Map<string, ts.SyntaxKind[]>();
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = (symbol.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol; // eslint-disable-line no-bitwise
    exports.set(symbol.name, (target.declarations ?? []).map((d) => d.kind));
  }
  return exports;
}

/** Declarations jsii turns into types of every language (and API.md documents). */
const JSII_KINDS = new Set([ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.EnumDeclaration]);

/**
 * Exports that are not jsii types on purpose: `rules` is cdk-nag's convention (`export * as rules`), so a rule can be
 * used in a pack of one's own.
 */
const INTENDED_NON_JSII = ['rules'];


describe('public entry point', () => {
  const exports = entryPointExports();

  test('exports only jsii types (classes, interfaces, enums): no constants, patterns or render helpers', () => {
    const others = [...exports].filter(([, kinds]) => !kinds.some((k) => JSII_KINDS.has(k))).map(([name]) => name);
    expect(others.sort()).toEqual([...INTENDED_NON_JSII].sort());
  });

  test('the entry point is the whole package: classes and rules are reachable at runtime', () => {
    expect(typeof lib.AgentRuntime).toBe('function');
    expect(Object.keys(lib.rules).length).toBeGreaterThan(0);
    expect([...exports.keys()]).toEqual(expect.arrayContaining(['AgentRuntime', 'Memory', 'Gateway', 'ExecutionRole', 'AgentCoreChecks']));
  });

  test('one name per grant and per strategy adder: aws-cdk-lib\'s names, no aliases', () => {
    const memory = lib.Memory.prototype as unknown as Record<string, unknown>;
    expect(memory.grantReadShortTermMemory).toBeDefined();
    expect(memory.grantReadLongTermMemory).toBeDefined();
    expect(memory.addMemoryStrategy).toBeDefined();
    for (const alias of ['grantReadShortTerm', 'grantReadLongTerm', 'addStrategy']) expect(memory[alias]).toBeUndefined();
    const runtime = lib.AgentRuntime.prototype as unknown as Record<string, unknown>;
    expect(runtime.grantInvokeRuntimeForUser).toBeDefined();
    expect(runtime.grantInvokeForUser).toBeUndefined();
  });
});
