import * as fs from 'fs';
import * as path from 'path';

/**
 * The Cedar text of one AgentCore policy: a single `permit` or `forbid` statement, from a string or a `.cedar` file.
 *
 * The text may contain CDK tokens inside Cedar string literals, typically the gateway's ARN:
 * `resource == AgentCore::Gateway::"${gateway.gatewayArn}"`. The statement is checked with the official Cedar engine
 * when the app is synthesized (see `CedarPolicy`).
 */
export abstract class CedarStatement {
  /**
   * A statement given as text.
   *
   * @param statement the Cedar policy, e.g. `permit(principal, action == AgentCore::Action::"Orders___get_order", resource == AgentCore::Gateway::"${gateway.gatewayArn}");`
   */
  public static fromString(statement: string): CedarStatement {
    return new LiteralStatement(statement, 'inline statement');
  }

  /**
   * A statement read from a file (UTF-8), e.g. `policies/orders.cedar`, when this method is called. Errors name the
   * file, the line and the column.
   *
   * @param file path of the file, absolute or relative to the current directory
   */
  public static fromFile(file: string): CedarStatement {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf-8');
    } catch (e) {
      throw new Error(`CedarStatement.fromFile: cannot read the Cedar policy file '${file}' (${(e as Error).message}).`);
    }
    return new LiteralStatement(text, path.relative(process.cwd(), path.resolve(file)) || file);
  }

  /** The Cedar text, possibly with tokens. */
  public abstract readonly text: string;

  /** Where the text comes from: the file path, or `inline statement`. */
  public abstract readonly source: string;
}

class LiteralStatement extends CedarStatement {
  constructor(public readonly text: string, public readonly source: string) {
    super();
  }
}
