import * as fs from 'fs';
import * as path from 'path';

/**
 * Makes the synthesized assembly readable by integ-runner and free of machine-specific data. Used by every
 * test/integ.*.ts app after `app.synth()`.
 *
 * - integ-runner 2.197.10, the newest release, reads cloud assemblies up to schema 53, while aws-cdk-lib 2.258
 *   writes schema 54 ("AssemblyVersionMismatch: Maximum schema version supported is 53.x.x, but found 54.0.0").
 *   Schema 54 only adds the `aws:cdk:propertyAssignment` metadata entry (written in CDK_DEBUG mode) and the integ
 *   option `allowDeleteFailures`; with neither present the assembly is a valid schema 53 assembly, so it is labelled
 *   53. Remove this once an integ-runner release reads schema 54.
 * - Metadata traces (stack traces that `Validations.acknowledge` always records) hold absolute paths: dropped.
 */
export function prepareAssemblyForIntegRunner(outdir: string): void {
  for (const file of fs.readdirSync(outdir)) {
    const filePath = path.join(outdir, file);
    if (file.endsWith('.metadata.json')) {
      const metadata: Record<string, Array<{ type: string; trace?: string[] }>> = JSON.parse(fs.readFileSync(filePath, 'utf8'));
      for (const entry of Object.values(metadata).flat()) {
        if (entry.type === 'aws:cdk:propertyAssignment') throw new Error(`${file} has schema 54 metadata (CDK_DEBUG): integ-runner 2.197 cannot read it.`);
        delete entry.trace;
      }
      fs.writeFileSync(filePath, JSON.stringify(metadata, undefined, 2));
      continue;
    }
    if (file !== 'manifest.json' && file !== 'integ.json' && !file.endsWith('.assets.json')) continue;
    const text = fs.readFileSync(filePath, 'utf8');
    const manifest = JSON.parse(text);
    if (typeof manifest.version !== 'string' || !manifest.version.startsWith('54.')) continue;
    if (text.includes('aws:cdk:propertyAssignment') || text.includes('allowDeleteFailures')) {
      throw new Error(`${file} uses cloud assembly schema 54 features: integ-runner 2.197 cannot read it.`);
    }
    fs.writeFileSync(filePath, JSON.stringify({ ...manifest, version: '53.0.0' }, undefined, 2));
  }
}
