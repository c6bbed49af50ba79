/**
 * The closed enums of the control-plane API model that the constructs offer as choices. `test/conformance` checks each
 * list against the vendored model. A value newer than this list passes only through an explicit escape
 * (`ServerProtocol.unchecked()`, `CodeRuntime.unchecked()`), never silently.
 */

/** `ServerProtocol`. */
export const SERVER_PROTOCOLS: readonly string[] = ['HTTP', 'MCP', 'A2A', 'AGUI'];

/** `AgentManagedRuntimeType`: the managed runtimes of direct code deployment. */
export const MANAGED_RUNTIMES: readonly string[] = ['PYTHON_3_10', 'PYTHON_3_11', 'PYTHON_3_12', 'PYTHON_3_13', 'PYTHON_3_14', 'NODE_22'];

/** `NetworkMode`. */
export const NETWORK_MODES: readonly string[] = ['PUBLIC', 'VPC'];

/** `EndpointIpAddressType` of a managed-VPC private endpoint. */
export const ENDPOINT_IP_ADDRESS_TYPES: readonly string[] = ['IPV4', 'IPV6'];
