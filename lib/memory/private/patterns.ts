import { RUNTIME_NAME } from '../../private/contract';

/** Memory names as AgentCore accepts them (the runtime name grammar). */
export const MEMORY_NAME_PATTERN = RUNTIME_NAME;

/** Memory ids: the name, a hyphen and 10 characters. */
export const MEMORY_ID_PATTERN = /[a-zA-Z][a-zA-Z0-9_-]{0,99}-[a-zA-Z0-9]{10}/;

/** Strategy names as AgentCore accepts them (the runtime name grammar). */
export const STRATEGY_NAME_PATTERN = RUNTIME_NAME;
