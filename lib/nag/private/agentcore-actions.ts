/**
 * Amazon Bedrock AgentCore (`bedrock-agentcore`) IAM actions.
 *
 * Source for both tables: the Service Authorization Reference, "Actions, resources, and condition
 * keys for Amazon Bedrock AgentCore"
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrockagentcore.html),
 * Actions table, as mirrored by salesforce/policy_sentry at
 * `policy_sentry/shared/data/docs/list_amazonbedrockagentcore.html` (commit 110d32e3b8ed, 2026).
 *
 * Keep the two lists in sync with that page when AWS adds actions. An action missing from
 * `ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS` is assumed to support resource-level
 * permissions, so AgentCore-IAM2 flags it on `Resource: "*"`; the finding can be acknowledged
 * until the table is updated.
 */

/**
 * Actions whose "Resource types" column is empty in the Service Authorization Reference: they
 * cannot be scoped to an ARN, so `Resource: "*"` is the only correct value. Lower case, without
 * the service prefix. Each line notes what the action is for.
 */
export const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: ReadonlySet<string> = new Set([
  // Create actions: the ARN does not exist before the call (tag conditions still apply).
  'createagentruntime', // SAR: Write, no resource type; dependent action iam:PassRole
  'createbrowser', // SAR: Write, no resource type
  'createbrowserprofile', // SAR: Write, no resource type
  'createcodeinterpreter', // SAR: Write, no resource type
  'createevaluator', // SAR: Write, no resource type
  'creategateway', // SAR: Write, no resource type; dependent action iam:PassRole
  'creatememory', // SAR: Write, no resource type; dependent action iam:PassRole
  'createonlineevaluationconfig', // SAR: Write, no resource type; dependent action iam:PassRole
  'createpolicyengine', // SAR: Write, no resource type
  // Account-wide List actions.
  'listagentruntimes', // SAR: List, no resource type
  'listagentruntimeendpoints', // SAR: List, no resource type
  'listagentruntimeversions', // SAR: List, no resource type
  'listbrowserprofiles', // SAR: List, no resource type
  'listbrowsersessions', // SAR: List, no resource type
  'listbrowsers', // SAR: List, no resource type
  'listcodeinterpreters', // SAR: List, no resource type
  'listevaluators', // SAR: List, no resource type
  'listgateways', // SAR: List, no resource type
  'listmemories', // SAR: List, no resource type
  'listonlineevaluationconfigs', // SAR: List, no resource type
  'listpolicyengines', // SAR: List, no resource type
  // Streams and permission-only actions.
  'connectbrowserautomationstream', // SAR: Read, no resource type
  'connectbrowserliveviewstream', // SAR: Read, no resource type
  'manageadminpolicy', // SAR: Permissions management [permission only], no resource type
]);

/**
 * Every action in the Actions table of the same page, lower case, without the service prefix.
 * Used to tell a wildcard that reaches AgentCore actions (`bedrock*:InvokeAgentRuntime`) from
 * one that only looks like it does (`bedrock*:InvokeModel`).
 */
export const KNOWN_ACTIONS: ReadonlySet<string> = new Set([
  'allowvendedlogdeliveryforresource', 'authorizeaction',
  'batchcreatememoryrecords', 'batchdeletememoryrecords', 'batchupdatememoryrecords',
  'completeresourcetokenauth', 'connectbrowserautomationstream', 'connectbrowserliveviewstream',
  'createagentruntime', 'createagentruntimeendpoint', 'createapikeycredentialprovider', 'createbrowser',
  'createbrowserprofile', 'createcodeinterpreter', 'createevaluator', 'createevent', 'creategateway',
  'creategatewaytarget', 'creatememory', 'createoauth2credentialprovider', 'createonlineevaluationconfig',
  'createpolicy', 'createpolicyengine', 'createworkloadidentity',
  'deleteagentruntime', 'deleteagentruntimeendpoint', 'deleteapikeycredentialprovider', 'deletebrowser',
  'deletebrowserprofile', 'deletecodeinterpreter', 'deleteevaluator', 'deleteevent', 'deletegateway',
  'deletegatewaytarget', 'deletememory', 'deletememoryrecord', 'deleteoauth2credentialprovider',
  'deleteonlineevaluationconfig', 'deletepolicy', 'deletepolicyengine', 'deleteresourcepolicy',
  'deleteworkloadidentity', 'evaluate',
  'getagentcard', 'getagentruntime', 'getagentruntimeendpoint', 'getapikeycredentialprovider', 'getbrowser',
  'getbrowserprofile', 'getbrowsersession', 'getcodeinterpreter', 'getcodeinterpretersession', 'getevaluator',
  'getevent', 'getgateway', 'getgatewaytarget', 'getmemory', 'getmemoryrecord', 'getoauth2credentialprovider',
  'getonlineevaluationconfig', 'getpolicy', 'getpolicyengine', 'getpolicygeneration', 'getresourceapikey',
  'getresourceoauth2token', 'getresourcepolicy', 'gettokenvault', 'getworkloadaccesstoken',
  'getworkloadaccesstokenforjwt', 'getworkloadaccesstokenforuserid', 'getworkloadidentity',
  'invokeagentruntime', 'invokeagentruntimecommand', 'invokeagentruntimeforuser',
  'invokeagentruntimewithwebsocketstream', 'invokeagentruntimewithwebsocketstreamforuser',
  'invokecodeinterpreter', 'invokegateway',
  'listactors', 'listagentruntimeendpoints', 'listagentruntimeversions', 'listagentruntimes',
  'listapikeycredentialproviders', 'listbrowserprofiles', 'listbrowsersessions', 'listbrowsers',
  'listcodeinterpretersessions', 'listcodeinterpreters', 'listevaluators', 'listevents', 'listgatewaytargets',
  'listgateways', 'listmemories', 'listmemoryextractionjobs', 'listmemoryrecords',
  'listoauth2credentialproviders', 'listonlineevaluationconfigs', 'listpolicies', 'listpolicyengines',
  'listpolicygenerationassets', 'listpolicygenerations', 'listsessions', 'listtagsforresource',
  'listworkloadidentities', 'manageadminpolicy', 'manageresourcescopedpolicy', 'partiallyauthorizeactions',
  'putresourcepolicy', 'retrievememoryrecords', 'savebrowsersessionprofile', 'settokenvaultcmk',
  'startbrowsersession', 'startcodeinterpretersession', 'startmemoryextractionjob', 'startpolicygeneration',
  'stopbrowsersession', 'stopcodeinterpretersession', 'stopruntimesession', 'synchronizegatewaytargets',
  'tagresource', 'untagresource', 'updateagentruntime', 'updateagentruntimeendpoint',
  'updateapikeycredentialprovider', 'updatebrowserstream', 'updateevaluator', 'updategateway',
  'updategatewaytarget', 'updatememory', 'updateoauth2credentialprovider', 'updateonlineevaluationconfig',
  'updatepolicy', 'updatepolicyengine', 'updateworkloadidentity',
]);

/** The IAM service prefix of Amazon Bedrock AgentCore. */
export const AGENTCORE_SERVICE_PREFIX = 'bedrock-agentcore';

