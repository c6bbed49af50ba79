/**
 * Local Amazon Bedrock AgentCore emulator for tests: the control plane (runtimes, versions, endpoints, memories,
 * gateways and targets, tags, resource policies) and the data plane (InvokeAgentRuntime) over the real restJson1 wire protocol.
 */
export { startEmulator } from './emulator';
export type {
  CallRecord, DefaultLag, Emulator, EmulatorOptions, EndpointRecord, Fault, GatewayRecord, GatewayTargetRecord, InvokeBehaviour, MemoryRecord,
  RuntimeRecord, StatusStep,
} from './types';
