/** Decision support (SPEC §9): plan diffs, team replays on two versions, and the inverse question "what does it take?". */
export { diffPlans, describeMethod, nameSimilarity, type PlanDiff, type PlanChange, type PlanVersion, type ChangeKind } from './diff.js';
export { replay, type Replay, type PersonDelta, type ReplaySummary } from './replay.js';
export { solve, parseGoal, minimalUnit, percentInputs, type Goal, type SolveAnswer, type SolveReport, type SolveReason } from './solve.js';
export { diffToText, diffToMarkdown, solveToText, answerSentence, mdText, type DecideLang } from './render.js';
