/**
 * The ```ts blocks of the user-facing Markdown files compile against the library as users import it
 * (`from 'cdk-agentcore'`). Each block becomes the body of a Stack's constructor (`this` is the stack) in its own
 * module, type-checked with the TypeScript compiler API in one program.
 *
 * What a block may use without defining it:
 * - the imports of the blocks before it in the same file (a reader imports once), and `Duration`, `Stack`, `App`,
 *   `CfnOutput`, `RemovalPolicy`, `Validations`, `iam` (aws-cdk-lib/aws-iam), `path` and `Construct` (the usual
 *   preamble of a CDK app); any other module (`agentcore` from aws-cdk-lib/aws-bedrockagentcore, for instance) must
 *   be imported by a block;
 * - the placeholders below: resources of the reader's own app (`repository`, `bucket`, `backendRole`, ...) and the
 *   constructs the README builds in earlier sections (`role`, `agent`, `memory`, `gateway`, `app`; `runtime` in the
 *   CLI manual).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
/** The Markdown files whose TypeScript blocks are checked. */
const DOCS = ['README.md', 'lib/nag/RULES.md', 'cli/README.md', 'CONTRIBUTING.md'].filter((f) => fs.existsSync(path.join(ROOT, f)));
const VIRTUAL_DIR = path.join(ROOT, 'test', 'docs', '__snippets__');

/** The reader's own resources and what earlier sections built: name → type. */
const PLACEHOLDERS: Record<string, string> = {
  repository: 'ecr.IRepository',
  bucket: 's3.IBucket',
  key: 'kms.IKey',
  toolFunction: 'lambda.IFunction',
  ordersFunction: 'lambda.IFunction',
  orderTools: 'agentcore.ToolSchema',
  backendRole: 'iam.IRole',
  partnerRole: 'iam.IRole',
  callerRole: 'iam.IRole',
  scriptRole: 'iam.IRole',
  someOtherExecutionRole: 'iam.IRole',
  deployRole: 'iam.Role',
  devStack: 'Stack',
  app: 'App',
  role: 'ExecutionRole',
  agent: 'AgentRuntime',
  runtime: 'AgentRuntime',
  memory: 'Memory',
  gateway: 'Gateway',
};

const PLACEHOLDER_MODULE = [
  "import type { App, Stack } from 'aws-cdk-lib';",
  "import type * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';",
  "import type * as ecr from 'aws-cdk-lib/aws-ecr';",
  "import type * as iam from 'aws-cdk-lib/aws-iam';",
  "import type * as kms from 'aws-cdk-lib/aws-kms';",
  "import type * as lambda from 'aws-cdk-lib/aws-lambda';",
  "import type * as s3 from 'aws-cdk-lib/aws-s3';",
  "import type { AgentRuntime, ExecutionRole, Gateway, Memory } from 'cdk-agentcore';",
  ...Object.entries(PLACEHOLDERS).map(([name, type]) => `export declare const ${name}: ${type};`),
].join('\n');

/** What every block may use without importing it. */
const PRELUDE = [
  "import * as path from 'path';",
  "import { App, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';",
  "import * as iam from 'aws-cdk-lib/aws-iam';",
  "import { Construct } from 'constructs';",
  `import { ${Object.keys(PLACEHOLDERS).join(', ')} } from './placeholders';`,
];

interface Snippet {
  /** `README.md:44`, where the block's code starts. */
  readonly where: string;
  /** The section heading above the block. */
  readonly section: string;
  readonly fileName: string;
  readonly text: string;
  /** README line of each line of `text` (0 where the line is generated). */
  readonly lines: number[];
}

/** An import statement, one binding: `{ name, from, text }`, `text` importing `name` alone. */
interface Binding {
  readonly name: string;
  readonly text: string;
}

function bindingsOf(statement: ts.ImportDeclaration, sf: ts.SourceFile): Binding[] {
  const from = statement.moduleSpecifier.getText(sf);
  const clause = statement.importClause;
  if (!clause) return [];
  const out: Binding[] = [];
  if (clause.name) out.push({ name: clause.name.text, text: `import ${clause.name.text} from ${from};` });
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) out.push({ name: named.name.text, text: `import * as ${named.name.text} from ${from};` });
  if (named && ts.isNamedImports(named)) {
    for (const el of named.elements) out.push({ name: el.name.text, text: `import { ${el.getText(sf)} } from ${from};` });
  }
  return out;
}

function collectSnippets(): Snippet[] {
  const snippets: Snippet[] = [];
  for (const doc of DOCS) {
    const lines = fs.readFileSync(path.join(ROOT, doc), 'utf8').split('\n');
    const carried = new Map<string, string>(); // imports of earlier blocks, by local name
    let section = '';
    for (let i = 0; i < lines.length; i++) {
      if (/^#+ /.test(lines[i])) section = lines[i].replace(/^#+ /, '');
      if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      const code = lines.slice(start, end);
      i = end;

      const sf = ts.createSourceFile('block.ts', code.join('\n'), ts.ScriptTarget.Latest, true);
      const own = new Map<string, string>();
      const importLines = new Set<number>();
      for (const st of sf.statements) {
        if (!ts.isImportDeclaration(st)) continue;
        for (const b of bindingsOf(st, sf)) own.set(b.name, b.text);
        const first = sf.getLineAndCharacterOfPosition(st.getStart(sf)).line;
        const last = sf.getLineAndCharacterOfPosition(st.getEnd()).line;
        for (let l = first; l <= last; l++) importLines.add(l);
      }
      // The block's own imports, then earlier blocks', then the prelude's: one import per local name.
      const imports = new Map<string, string>([...PRELUDE_BINDINGS, ...carried, ...own]);
      const header = [
        ...imports.values(),
        'export class Snippet extends Stack {',
        '  constructor(scope: Construct, id: string) {',
        '    super(scope, id);',
      ];
      const body = code.map((l, n) => (importLines.has(n) ? '' : l));
      const text = [...header, ...body, '  }', '}', ''].join('\n');
      const map = [...header.map(() => 0), ...code.map((_, n) => start + 1 + n), 0, 0, 0];
      snippets.push({
        where: `${doc}:${start + 1}`,
        section,
        fileName: path.join(VIRTUAL_DIR, `${doc.replace(/[^A-Za-z0-9]/g, '_')}_${start + 1}.ts`),
        text,
        lines: map,
      });
      for (const [name, text2] of own) carried.set(name, text2);
    }
  }
  return snippets;
}

const PRELUDE_BINDINGS: Map<string, string> = (() => {
  const sf = ts.createSourceFile('prelude.ts', PRELUDE.join('\n'), ts.ScriptTarget.Latest, true);
  const out = new Map<string, string>();
  for (const st of sf.statements) if (ts.isImportDeclaration(st)) for (const b of bindingsOf(st, sf)) out.set(b.name, b.text);
  return out;
})();

function typeCheck(snippets: Snippet[]): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    lib: ['lib.es2022.d.ts'],
    types: ['node', 'jest'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    baseUrl: ROOT,
    paths: { 'cdk-agentcore': ['lib/index.ts'] },
  };
  const virtual = new Map<string, string>(snippets.map((s) => [s.fileName, s.text]));
  virtual.set(path.join(VIRTUAL_DIR, 'placeholders.ts'), PLACEHOLDER_MODULE);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = virtual.get(path.resolve(fileName));
    if (text === undefined) return getSourceFile.call(host, fileName, languageVersion, ...rest);
    return ts.createSourceFile(fileName, text, languageVersion, true);
  };
  host.fileExists = (fileName) => virtual.has(path.resolve(fileName)) || fileExists.call(host, fileName);
  host.readFile = (fileName) => virtual.get(path.resolve(fileName)) ?? readFile.call(host, fileName);
  host.directoryExists = (dir) => path.resolve(dir) === VIRTUAL_DIR || (directoryExists?.call(host, dir) ?? true);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const problems = new Map<string, string[]>(snippets.map((s) => [s.fileName, []]));
  for (const s of snippets) {
    const sf = program.getSourceFile(s.fileName)!;
    for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
      const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line;
      const docLine = s.lines[line];
      const at = docLine ? `${s.where.split(':')[0]}:${docLine}` : `${s.where} (generated line ${line + 1}: ${s.text.split('\n')[line].trim()})`;
      problems.get(s.fileName)!.push(`${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
  }
  return problems;
}

const SNIPPETS = collectSnippets();
let problems: Map<string, string[]>;

beforeAll(() => {
  problems = typeCheck(SNIPPETS);
}, 180_000);

test('the documentation has TypeScript blocks to check', () => {
  expect(SNIPPETS.length).toBeGreaterThan(5);
});

test.each(SNIPPETS.map((s) => [`${s.where} (${s.section})`, s] as const))('%s compiles', (_name, snippet) => {
  expect(problems.get(snippet.fileName)).toEqual([]);
});
