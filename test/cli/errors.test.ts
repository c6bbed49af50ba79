import { AccessDeniedException, ResourceNotFoundException, ThrottlingException } from '@aws-sdk/client-bedrock-agentcore';
import { CliError, ExitCode, toCliError, usageError } from '../../cli/errors';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/concierge-AbCdEf1234';
const CTX = { runtimeArn: ARN, qualifier: 'prod', source: 'SSM parameter /agentcore/dev/runtime/agent_runtime_arn' };
const meta = { httpStatusCode: 0, attempts: 1, totalRetryDelay: 0 };

/** An error shaped like the SDK's (name, message, $metadata). */
function sdkError(name: string, message: string, status?: number): Error {
  return Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });
}

describe('toCliError', () => {
  test('missing credentials → 5 with what to set', () => {
    const err = toCliError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'));
    expect(err.exitCode).toBe(ExitCode.AUTH);
    expect(err.message).toMatch(/^No AWS credentials found: set AWS_PROFILE \(or pass --profile\), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    expect(err.message).toContain('(Could not load credentials from any providers)');
    const profile = toCliError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'), { profile: 'dev' });
    expect(profile).toMatchObject({ exitCode: 5, message: expect.stringMatching(/^No AWS credentials found for profile 'dev': check that it exists/) });
  });

  test('unknown runtime → 3 naming the ARN, endpoint and how it was resolved', () => {
    const err = toCliError(new ResourceNotFoundException({ message: 'No runtime', $metadata: { ...meta, httpStatusCode: 404 } }), CTX);
    expect(err.exitCode).toBe(ExitCode.NOT_FOUND);
    expect(err.message).toBe(`Agent runtime not found: ${ARN} (endpoint prod), resolved from SSM parameter /agentcore/dev/runtime/agent_runtime_arn. `
      + 'The service said: No runtime. Check the ARN, the region and account of your credentials, and that the endpoint (--qualifier) exists.');
  });

  test('throttling → 4 with the number of attempts', () => {
    const err = toCliError(new ThrottlingException({ message: 'Rate exceeded', $metadata: { ...meta, httpStatusCode: 429 } }), { ...CTX, attempts: 4 });
    expect(err.exitCode).toBe(ExitCode.THROTTLED);
    expect(err.message).toContain(`Throttled after 4 attempts invoking ${ARN} (endpoint prod)`);
    expect(err.message).toContain('ThrottlingException: Rate exceeded');
    expect(toCliError(sdkError('ThrottlingException', 'x'), { attempts: 1 }).message).toContain('after 1 attempt invoking the agent runtime');
  });

  test('access denied and bad tokens → 5', () => {
    expect(toCliError(new AccessDeniedException({ message: 'no', $metadata: meta }), CTX)).toMatchObject({ exitCode: 5, message: `Access denied invoking ${ARN} (endpoint prod), resolved from SSM parameter /agentcore/dev/runtime/agent_runtime_arn: AccessDeniedException: no` });
    expect(toCliError(sdkError('ExpiredTokenException', 'expired')).exitCode).toBe(5);
    expect(toCliError(sdkError('UnrecognizedClientException', 'bad key')).message).toBe('Access denied: UnrecognizedClientException: bad key');
  });

  test('agent failure, validation, network and other errors → 1; region missing → 2', () => {
    expect(toCliError(sdkError('RuntimeClientError', 'agent crashed', 424), CTX).message).toBe(`The agent failed (${ARN} (endpoint prod), resolved from SSM parameter /agentcore/dev/runtime/agent_runtime_arn): agent crashed`);
    expect(toCliError(sdkError('ValidationException', 'bad')).message).toBe('The request was rejected: bad');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toCliError(refused)).toMatchObject({ exitCode: 1, message: expect.stringContaining('Could not reach the AWS endpoint (ECONNREFUSED)') });
    expect(toCliError(sdkError('InternalServerException', 'boom', 500))).toMatchObject({ exitCode: 1, message: 'InternalServerException: boom (HTTP 500)' });
    expect(toCliError('a string')).toMatchObject({ exitCode: 1, message: 'Error: a string' });
    expect(toCliError(new Error('Region is missing'))).toMatchObject({ exitCode: 2, message: expect.stringContaining('pass --region or set AWS_REGION') });
  });

  test('an answer that is not an AWS error (a proxy page, an empty 503) → 1 with the status, an excerpt and what to do', () => {
    // as the SDK reports them: a JSON parse error of the body, or an error without a type
    const html = Object.assign(new SyntaxError('Unexpected token \'<\', "<html><hea"... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), {
      $metadata: { httpStatusCode: 502 },
      $response: { statusCode: 502, headers: { 'content-type': 'text/html' }, body: new TextEncoder().encode('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>') },
    });
    const bad = toCliError(html, CTX);
    expect(bad.exitCode).toBe(ExitCode.FAILURE);
    expect(bad.message).toBe(`Invoking ${ARN} (endpoint prod), resolved from SSM parameter /agentcore/dev/runtime/agent_runtime_arn got `
      + 'HTTP 502 Bad Gateway with a text/html body: "502 Bad Gateway 502 Bad Gateway", not an AWS answer. The service, or a proxy or load '
      + 'balancer on the way, failed. Try again in a moment; if it keeps failing, check any HTTPS_PROXY and AWS_ENDPOINT_URL_* settings '
      + 'and the AWS Health Dashboard for the region.');
    const empty = Object.assign(new Error('UnknownError'), { name: 'Unknown', $metadata: { httpStatusCode: 503 }, $response: { statusCode: 503, headers: {}, body: new Uint8Array() } });
    expect(toCliError(empty).message).toMatch(/^The AWS request got HTTP 503 Service Unavailable with an empty body, not an AWS answer\. The service/);
    const forbidden = Object.assign(new SyntaxError('Unexpected token \'F\', "Forbidden "... is not valid JSON'), { $metadata: { httpStatusCode: 403 } });
    expect(toCliError(forbidden).message).toBe('The AWS request got HTTP 403 Forbidden with a body: "Forbidden …", not an AWS answer. '
      + 'Something on the way answered instead of the AWS service: check any HTTPS_PROXY and AWS_ENDPOINT_URL_* settings and the region.');
    for (const e of [html, empty, forbidden]) expect(toCliError(e).message).not.toMatch(/\$response|UnknownError|SyntaxError|Deserialization/);
  });

  test('a CliError passes through', () => {
    const err = usageError('bad');
    expect(toCliError(err)).toBe(err);
    expect(new CliError('x').exitCode).toBe(1);
  });
});
