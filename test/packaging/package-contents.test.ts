/**
 * What `npm pack` puts in the tarball, checked on every `npm test`: the compiled library, its jsii assembly and
 * docs (with the CLI's manual), the prebuilt provider and CLI bundles, the bundled Cedar engine, and nothing else (no sources, tests, example
 * app, bench, project config or `cdk.json`). The files are those of the working tree, so the library must be compiled
 * (`npx projen compile`) and bundled (`npx projen bundle`) first, as `npm test` does.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** Every file in the tarball matches one of these. */
const ALLOWED: RegExp[] = [
  /^(package\.json|README\.md|LICENSE|API\.md|\.jsii)$/,
  /^lib\/.+\.(js|d\.ts)$/,
  /^lib\/nag\/RULES\.md$/,
  /^cli\/README\.md$/,
  /^assets\/lambda\/agent-runtime\/index\/index\.js$/,
  /^assets\/cli\/index\/index\.js$/,
  /^node_modules\/@cedar-policy\/cedar-wasm\//,
];

/** These must be in the tarball. */
const REQUIRED = [
  'package.json', 'README.md', 'LICENSE', 'API.md', '.jsii', 'lib/index.js', 'lib/index.d.ts', 'lib/nag/RULES.md',
  'cli/README.md', 'assets/lambda/agent-runtime/index/index.js', 'assets/cli/index/index.js',
];

function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [pack] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return pack.files.map((f) => f.path).sort();
}

let files: string[];

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
    throw new Error('lib/index.js is missing: compile the library first (npx projen compile; npm test does it).');
  }
  files = packedFiles();
}, 120_000);

test('the tarball holds the compiled library, its assembly and docs, and both bundles', () => {
  expect(REQUIRED.filter((f) => !files.includes(f))).toEqual([]);
});

test('the tarball holds nothing else: no sources, tests, example app, bench, project files or cdk.json', () => {
  expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
  expect(files).not.toContain('cdk.json');
  expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  expect(files.filter((f) => /^(test|bin|lambda|cli|internal|bench|projenrc|\.projen)\//.test(f) && f !== 'cli/README.md')).toEqual([]);
});

test('every compiled file in the tarball has its source (no leftovers of deleted modules)', () => {
  const orphans = files
    .filter((f) => /^lib\/.+\.js$/.test(f))
    .filter((f) => !fs.existsSync(path.join(ROOT, f.replace(/\.js$/, '.ts'))));
  expect(orphans).toEqual([]);
});

test('the files the README links to are in the tarball (Construct Hub and npm show the packed README)', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\((?!https?:|#|mailto:)\.?\/?([^)#\s]+)[^)]*\)/g)].map((m) => m[1]);
  expect(links).toEqual(expect.arrayContaining(['API.md', 'cli/README.md']));
  // CONTRIBUTING.md is for contributors, who read it in the repository
  expect(links.filter((l) => l !== 'CONTRIBUTING.md' && !files.includes(l))).toEqual([]);
});
