/** The README's install command names the peer dependencies with the ranges package.json declares. */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

test('npm install in the README installs every peer dependency with its package.json range', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const peers: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).peerDependencies;
  const command = /^npm install cdk-agentcore (.+)$/m.exec(readme);
  expect(command).not.toBeNull();
  const installed = Object.fromEntries(command![1].trim().split(/\s+/).map((spec) => {
    const at = spec.lastIndexOf('@');
    return [spec.slice(0, at), spec.slice(at + 1)];
  }));
  expect(installed).toEqual(peers);
});
