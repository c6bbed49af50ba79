export * from './evaluation-role';
export * from './llm-judge-evaluator';
export * from './online-evaluation';
