import { Token } from 'aws-cdk-lib';
import { MEMORY_ID_PATTERN } from './patterns';
import { fullMatch, ValidationErrors } from '../../private/validation';
import type { DeployedMemory } from '../memory';

/** A memory id is its name, a hyphen and 10 characters. */
const ID_SUFFIX_LENGTH = '-a1B2c3D4e5'.length;

/** The memory the code defines, as far as synthesis knows it. */
export interface DefinedMemory {
  /** The name, or `undefined` when it is known only at deploy time (a token). */
  readonly memoryName?: string;
  /** Whether the name is generated from the construct path (no `memoryName` given). */
  readonly nameGenerated: boolean;
  /** Whether the memory is encrypted with a customer managed key. */
  readonly hasKey: boolean;
  /** The key's ARN, or `undefined` when there is no key or its ARN is known only at deploy time. */
  readonly kmsKeyArn?: string;
}

/** What a deployment would change in the properties that replace a memory (its name and its key). */
export interface ReplacingChanges {
  /** Each change that replaces the memory, for people: `memoryName 'a' -> 'b'`. */
  readonly changes: string[];
  /** The properties that could not be compared because their value is known only at deploy time. */
  readonly unknown: string[];
}

/** Checks that the recorded memory is literal and well-formed, so that it can be compared. */
export function validateDeployedMemory(recorded: DeployedMemory, errors: ValidationErrors): void {
  if (Token.isUnresolved(recorded.memoryId)) {
    errors.add('deployed.memoryId', recorded.memoryId, 'must be a literal: it records the id of the memory that is deployed');
  } else if (!fullMatch(MEMORY_ID_PATTERN, recorded.memoryId)) {
    errors.add('deployed.memoryId', recorded.memoryId, 'must be a memory id (the name, a hyphen and 10 letters or digits, e.g. support_memory-a1B2c3D4e5)');
  }
  if (recorded.kmsKeyArn !== undefined && Token.isUnresolved(recorded.kmsKeyArn)) {
    errors.add('deployed.kmsKeyArn', recorded.kmsKeyArn, 'must be a literal: it records the key of the memory that is deployed');
  }
}

/**
 * Compares the recorded memory with the one the code defines, in the two properties CloudFormation cannot update
 * (`Name` and `EncryptionKeyArn` are create-only): any difference replaces the memory.
 */
export function replacingChanges(recorded: DeployedMemory, defined: DefinedMemory): ReplacingChanges {
  const changes: string[] = [];
  const unknown: string[] = [];
  const recordedName = recorded.memoryId.slice(0, -ID_SUFFIX_LENGTH);
  if (defined.memoryName === undefined) {
    unknown.push('memoryName');
  } else if (defined.memoryName !== recordedName) {
    changes.push(`memoryName '${recordedName}' -> '${defined.memoryName}'`
      + (defined.nameGenerated ? ' (generated from the construct path, which changed: the construct was moved or renamed; move it back to keep the memory)' : ''));
  }
  if (!defined.hasKey) {
    if (recorded.kmsKeyArn !== undefined) changes.push(`kmsKey '${recorded.kmsKeyArn}' -> none (an AWS owned key)`);
  } else if (recorded.kmsKeyArn === undefined) {
    changes.push(`kmsKey none (an AWS owned key) -> ${defined.kmsKeyArn === undefined ? 'a customer managed key' : `'${defined.kmsKeyArn}'`}`);
  } else if (defined.kmsKeyArn === undefined) {
    unknown.push('kmsKey');
  } else if (defined.kmsKeyArn !== recorded.kmsKeyArn) {
    changes.push(`kmsKey '${recorded.kmsKeyArn}' -> '${defined.kmsKeyArn}'`);
  }
  return { changes, unknown };
}
