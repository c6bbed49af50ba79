/**
 * Actions of the online evaluation execution role (AgentCore Evaluations prerequisites, "Service execution role"),
 * grouped by the resources they can be scoped to.
 */

/** No resource-level permissions: granted on `*`. */
export const EVALUATION_LOG_DISCOVERY_ACTIONS = ['logs:DescribeLogGroups', 'logs:GetQueryResults'];

/** Reading traces: scoped to the spans log group and the evaluated runtimes' log groups. */
export const EVALUATION_TRACE_QUERY_ACTIONS = ['logs:StartQuery'];

/** Writing results: scoped to the results log groups of the role's configs. */
export const EVALUATION_RESULTS_WRITE_ACTIONS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

/** Indexing the spans log group for trace analysis: scoped to `aws/spans`. */
export const EVALUATION_SPANS_INDEX_ACTIONS = ['logs:DescribeIndexPolicies', 'logs:PutIndexPolicy'];
