#!/usr/bin/env node
/**
 * The example app: how a platform team composes cdk-agentcore into an existing-looking CDK app.
 * `npx cdk synth` runs it offline: the account and Region are fixed dummies and nothing is looked up.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ExampleAgentStack } from './example-stack';
import { AgentCoreChecks } from '../lib';

const app = new App();
new ExampleAgentStack(app, 'AgentCoreExample', {
  env: { account: '123456789012', region: 'us-east-1' },
  environmentName: 'dev',
  supportAgentDigest: 'sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b',
  researchAgentDigest: 'sha256:0f5b9a1c3e7d2b4a6c8e0f1a3b5c7d9e2f4a6b8c0d1e3f5a7b9c2d4e6f8a0b1c',
  productionVersion: '1',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new AgentCoreChecks(app));
app.synth();
