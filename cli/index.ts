#!/usr/bin/env node
// Placeholder entry point; the invoke CLI is being written.
process.stderr.write('cdk-agentcore: the invoke CLI is not built yet\n');
process.exitCode = 1;
