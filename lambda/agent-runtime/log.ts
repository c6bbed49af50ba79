/**
 * Structured, sanitized logging. Only summaries are logged (request type, ids, statuses, error names):
 * never the event, the ResponseURL or property values.
 */

/** Values allowed in a log line. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** A log sink. */
export type Logger = (message: string, fields?: LogFields) => void;

/** Log one JSON line to stdout, with line breaks removed from string values. */
export const log: Logger = (message, fields = {}) => {
  const clean = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/[\r\n]+/g, ' ').slice(0, 300) : v]));
  console.log(JSON.stringify({ message, ...clean }));
};
