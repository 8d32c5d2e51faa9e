// The IR's types. Its zod schemas (to validate IR read from JSON) are in '@kpi/core/ir/schema': loading zod
// costs ~0.1 s of CPU at every start of `kpi`, and nothing that parses, checks or scores plans needs it (issue 14).
export type * from './schema.js';
export { IR_VERSION, emptyMoney } from './constants.js';
export * from './walk.js';
