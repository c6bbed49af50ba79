import { describe as show, ValidationErrors } from '../../lib/private/validation';
import { testStack } from '../helpers/stack';

function messages(record: (errors: ValidationErrors) => void): string {
  const errors = new ValidationErrors();
  record(errors);
  try {
    errors.throwIfAny(testStack(), 'props');
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('describe (values in messages)', () => {
  test('shows values up to 200 characters whole, so the end of an ARN is never cut off', () => {
    const arn = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/' + 'g'.repeat(106);
    expect(arn.length).toBe(200);
    expect(show(arn)).toBe(`'${arn}'`);
  });

  test('keeps the start and the end of a longer value and says how much is left out', () => {
    const value = 'head-' + 'x'.repeat(300) + '-tail';
    expect(show(value)).toBe(`'head-${'x'.repeat(59)}…(198 characters)…${'x'.repeat(43)}-tail'`);
  });

  test('also keeps the characters around the one at fault', () => {
    const value = 'a'.repeat(150) + '#' + 'b'.repeat(150);
    expect(show(value, 150)).toBe(`'${'a'.repeat(64)}…(62 characters)…${'a'.repeat(24)}#${'b'.repeat(24)}…(78 characters)…${'b'.repeat(48)}'`);
  });

  test('escapes control characters so that a message stays on its line', () => {
    expect(show('a\nb\u0000')).toBe("'a\\u000ab\\u0000'");
  });

  test('non-strings as they print', () => {
    expect(show(42)).toBe('42');
    expect(show(undefined)).toBe('undefined');
  });
});

describe('ValidationErrors', () => {
  test('a pattern error points at the character that breaks the pattern', () => {
    expect(messages((e) => e.pattern('agentName', 'my-agent', /[a-zA-Z][a-zA-Z0-9_]{0,47}/)))
      .toContain("agentName 'my-agent' must match /[a-zA-Z][a-zA-Z0-9_]{0,47}/: '-' at character 3 is not allowed there");
  });

  test('a pattern error says when the value ends too early', () => {
    expect(messages((e) => e.pattern('roleArn', 'arn:aws:iam::123456789012:role/', /arn:aws:iam::[0-9]{12}:role\/.+/, 'a role ARN')))
      .toContain("roleArn 'arn:aws:iam::123456789012:role/' must match a role ARN: it ends too early (after character 31)");
  });

  test('a pattern error in a long value shows where it breaks', () => {
    const value = 'a'.repeat(150) + '#' + 'b'.repeat(150);
    const message = messages((e) => e.pattern('tags key', value, /[a-z]*/));
    expect(message).toContain(`${'a'.repeat(24)}#${'b'.repeat(24)}`);
    expect(message).toContain("'#' at character 151 is not allowed there");
  });

  test('a too-long value is shown around the limit', () => {
    const value = 'x'.repeat(100) + 'LIMIT' + 'y'.repeat(200);
    expect(messages((e) => e.length('description', value, 1, 100))).toContain(`${'x'.repeat(24)}LIMIT`);
  });

  test('patterns outside the diagnosable subset still name the rule', () => {
    expect(messages((e) => e.pattern('word', 'x y', /\bxy\b/))).toMatch(/word 'x y' must match \/\\bxy\\b\/$/m);
  });
});
