/**
 * Which named endpoints of a runtime belong to its stack. The runtime's custom resource lists the names of the
 * endpoints the construct added (`addEndpoint()`) in this setting of the library (`CdkAgentCore.EndpointNames`); on
 * Delete the provider deletes only those and fails, naming them, when other endpoints (made in the console, by another
 * stack or tool) block the deletion.
 */
export const OWNED_ENDPOINTS_PROPERTY = 'EndpointNames';
