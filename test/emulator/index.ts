/**
 * Local Amazon Bedrock AgentCore emulator for tests: the control plane of runtimes (versions, endpoints, tags, resource
 * policies) and the data plane (InvokeAgentRuntime) over the real restJson1 wire protocol.
 */
export { startEmulator } from './emulator';
export { useEmulator } from './suite';
export type {
  CallRecord, DefaultLag, Emulator, EmulatorOptions, EndpointRecord, Fault, InvokeBehaviour, RuntimeRecord, StatusStep,
} from './types';
