/** The rest of @kpi/core's pipeline the CLI uses (see engine.ts): the compiler, the engine, the formatter. */
export { compilePlan, runPlanTests, renderExplanation, emitModule, formatText } from '@kpi/core';
