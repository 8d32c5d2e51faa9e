/**
 * The typed IR: a plain-data tree produced by the parser, read by the checker, the compiler,
 * the formatter's round-trip test and `kpi compile --target json`.
 * These zod schemas are the single definition; the TypeScript types are inferred from them.
 *
 * Conventions
 * - every node has `span` (0-based half-open offsets into its file); names also carry `nameSpan`.
 * - exact numbers are canonical decimal strings (`Decimal`): percents are stored as values (`70%` → "0.7").
 * - optional fields are absent (not null) when the plan does not write them; after error recovery a
 *   node may lack parts the grammar requires — such nodes are still emitted so the checker can run,
 *   with `recovered: true`.
 */
import { z } from 'zod';
import type { Decimal } from '../numbers/decimal.js';
import { IR_VERSION, emptyMoney } from './constants.js';

export { IR_VERSION, emptyMoney };

/** an exact decimal's canonical text (numbers/decimal.ts) */
export const DecimalSchema: z.ZodType<Decimal> = z.string().regex(/^-?\d+(\.\d+)?$/, 'canonical decimal');

export const SpanSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

const node = { span: SpanSchema };

/** A number as written: its exact value plus whether it was written as a percent (for messages and printing). */
export const NumLitSchema = z.object({
  value: DecimalSchema,
  percent: z.boolean(),
  ...node,
});
export type NumLit = z.infer<typeof NumLitSchema>;

export const NameSchema = z.object({ text: z.string(), ...node });
export type Name = z.infer<typeof NameSchema>;

// ---------- expressions (metric, veto) ----------
export const CompareOpSchema = z.enum(['>', '>=', '<', '<=', '==', '!=']);
export const ArithOpSchema = z.enum(['+', '-', '*', '/']);
export const LogicOpSchema = z.enum(['and', 'or']);
export const FunctionNameSchema = z.enum(['min', 'max', 'abs']);

export type Expr =
  | { kind: 'num'; value: string; percent: boolean; span: z.infer<typeof SpanSchema> }
  | { kind: 'ref'; name: string; span: z.infer<typeof SpanSchema> }
  | { kind: 'neg'; operand: Expr; span: z.infer<typeof SpanSchema> }
  | { kind: 'not'; operand: Expr; span: z.infer<typeof SpanSchema> }
  | { kind: 'arith'; op: z.infer<typeof ArithOpSchema>; left: Expr; right: Expr; span: z.infer<typeof SpanSchema> }
  | { kind: 'compare'; op: z.infer<typeof CompareOpSchema>; left: Expr; right: Expr; span: z.infer<typeof SpanSchema> }
  | { kind: 'logic'; op: z.infer<typeof LogicOpSchema>; left: Expr; right: Expr; span: z.infer<typeof SpanSchema> }
  | { kind: 'call'; fn: z.infer<typeof FunctionNameSchema>; args: Expr[]; span: z.infer<typeof SpanSchema> }
  /** placeholder left by error recovery */
  | { kind: 'error'; span: z.infer<typeof SpanSchema> };

export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('num'), value: DecimalSchema, percent: z.boolean(), ...node }),
    z.object({ kind: z.literal('ref'), name: z.string(), ...node }),
    z.object({ kind: z.literal('neg'), operand: ExprSchema, ...node }),
    z.object({ kind: z.literal('not'), operand: ExprSchema, ...node }),
    z.object({ kind: z.literal('arith'), op: ArithOpSchema, left: ExprSchema, right: ExprSchema, ...node }),
    z.object({ kind: z.literal('compare'), op: CompareOpSchema, left: ExprSchema, right: ExprSchema, ...node }),
    z.object({ kind: z.literal('logic'), op: LogicOpSchema, left: ExprSchema, right: ExprSchema, ...node }),
    z.object({ kind: z.literal('call'), fn: FunctionNameSchema, args: z.array(ExprSchema), ...node }),
    z.object({ kind: z.literal('error'), ...node }),
  ]),
) as z.ZodType<Expr>;

// ---------- scoring methods ----------
export const BandOpSchema = z.enum(['>=', '>', '<=', '<']);
export const BandRowSchema = z.object({ op: BandOpSchema, bound: NumLitSchema, score: NumLitSchema, ...node });
export const BandElseSchema = z.object({ score: NumLitSchema, ...node });
export const CurvePointSchema = z.object({ x: NumLitSchema, y: NumLitSchema, ...node });
export const RaterSchema = z.object({ name: NameSchema, weight: NumLitSchema, ...node });
export const BasisSchema = z.enum(['actual', 'ratio']);
/** one `deduct|add N per STEP below|above target [max M] [whole|started]` clause */
export const StepClauseSchema = z.object({
  points: NumLitSchema,
  per: NumLitSchema,
  side: z.enum(['below', 'above']),
  max: NumLitSchema.optional(),
  /** partial steps: proportional (default), `whole` (不足一档不计), `started` (不足一档按一档计) */
  rounding: z.enum(['proportional', 'whole', 'started']),
  ...node,
});
export type StepClause = z.infer<typeof StepClauseSchema>;

export const MethodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), ...node }),
  z.object({ kind: z.literal('reverse'), ...node }),
  z.object({ kind: z.literal('threshold'), ...node }),
  z.object({
    kind: z.literal('bands'),
    on: BasisSchema,
    rows: z.array(BandRowSchema),
    else: BandElseSchema.optional(),
    ...node,
  }),
  z.object({ kind: z.literal('curve'), on: BasisSchema, points: z.array(CurvePointSchema), ...node }),
  z.object({
    kind: z.literal('deduct'),
    points: NumLitSchema,
    per: NumLitSchema,
    max: NumLitSchema.optional(),
    ...node,
  }),
  /**
   * points per step of distance from the target (SPEC §6: 每低1%扣5分, 每超5秒扣10分, 超额1%加2分最高加10分):
   * `scoring deduct 5 per 1% below target max 30 [add 2 per 1% above target max 10]`
   */
  z.object({
    kind: z.literal('steps'),
    deduct: StepClauseSchema.optional(),
    add: StepClauseSchema.optional(),
    ...node,
  }),
  z.object({
    kind: z.literal('rating'),
    lo: NumLitSchema,
    hi: NumLitSchema,
    raters: z.array(RaterSchema).optional(),
    ...node,
  }),
]);
export type Method = z.infer<typeof MethodSchema>;
export type MethodKind = Method['kind'];

// ---------- plan items ----------
export const IndicatorSchema = z.object({
  kind: z.literal('indicator'),
  name: NameSchema,
  weight: NumLitSchema.optional(),
  target: NumLitSchema.optional(),
  /** `target 3..5`: the high end of a target range (`target` holds the low end) */
  targetHigh: NumLitSchema.optional(),
  /** `target 销售目标`: each row's target is read from this column or metric */
  targetRef: NameSchema.optional(),
  method: MethodSchema.optional(),
  cap: NumLitSchema.optional(),
  floor: NumLitSchema.optional(),
  input: NameSchema.optional(),
  unit: NameSchema.optional(),
  default: NumLitSchema.optional(),
  description: z.string().optional(),
  /** `lower`: lower actual is better (implied by `reverse`; threshold, `on ratio` tables use it) */
  lower: z.boolean(),
  /** `optional`: a N/A cell (不适用) removes the indicator for that row; its weight goes to its siblings */
  optional: z.boolean().optional(),
  recovered: z.boolean().optional(),
  /** `aggregate sum|average|last|score`: how this indicator combines several periods (SPEC §7) */
  aggregate: z.object({ mode: z.enum(['sum', 'average', 'last', 'score']), ...node }).optional(),
  ...node,
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export type Group = {
  kind: 'group';
  name: Name;
  weight?: NumLit;
  /** every indicator inside may be not applicable */
  optional?: boolean;
  items: (Indicator | Group)[];
  recovered?: boolean;
  /** `aggregate MODE` on the group: how its indicators combine several periods (SPEC §7) */
  aggregate?: { mode: 'sum' | 'average' | 'last' | 'score'; span: z.infer<typeof SpanSchema> };
  span: z.infer<typeof SpanSchema>;
};
export const GroupSchema: z.ZodType<Group> = z.lazy(() =>
  z.object({
    kind: z.literal('group'),
    name: NameSchema,
    weight: NumLitSchema.optional(),
    optional: z.boolean().optional(),
    items: z.array(z.union([IndicatorSchema, GroupSchema])),
    recovered: z.boolean().optional(),
    aggregate: z.object({ mode: z.enum(['sum', 'average', 'last', 'score']), ...node }).optional(),
    ...node,
  }),
) as z.ZodType<Group>;
export type ScoredItem = Indicator | Group;

export const MetricSchema = z.object({
  kind: z.literal('metric'),
  name: NameSchema,
  expr: ExprSchema,
  default: NumLitSchema.optional(),
  ...node,
});
export type Metric = z.infer<typeof MetricSchema>;

export const BonusSchema = z.object({
  /** `bonus` adds points to the total after weighting; `penalty` takes them off (扣分项) */
  kind: z.enum(['bonus', 'penalty']),
  name: NameSchema,
  points: NumLitSchema,
  per: NumLitSchema,
  max: NumLitSchema.optional(),
  input: NameSchema.optional(),
  default: NumLitSchema.optional(),
  ...node,
});
export type Bonus = z.infer<typeof BonusSchema>;

/** `allow KPI0601 "岗位说明书共 11 项"`: a practice warning accepted with a reason */
export const AllowSchema = z.object({ kind: z.literal('allow'), code: NameSchema, reason: z.string().optional(), ...node });
export type Allow = z.infer<typeof AllowSchema>;

export const VetoSchema = z.object({ kind: z.literal('veto'), name: NameSchema, when: ExprSchema, ...node });
export type Veto = z.infer<typeof VetoSchema>;

export const GradeLineSchema = z.object({
  label: NameSchema,
  /** absent on the catch-all last line */
  min: NumLitSchema.optional(),
  coefficient: NumLitSchema.optional(),
  ...node,
});
export const GradesSchema = z.object({ kind: z.literal('grades'), lines: z.array(GradeLineSchema), ...node });
export type Grades = z.infer<typeof GradesSchema>;
export type GradeLine = z.infer<typeof GradeLineSchema>;

export const GivenSchema = z.object({
  key: NameSchema,
  value: NumLitSchema,
  /** `given 培训效果 = "不适用"`: the cell says N/A (the word as written; `value` is then 0 and unused) */
  na: z.string().optional(),
  ...node,
});
export const ExpectSchema = z.object({
  /** `total`, `grade`, `coefficient`, `bonus`, or an indicator/group name */
  subject: NameSchema,
  /** number for total/coefficient/indicator scores; a label for grade */
  value: z.union([NumLitSchema, NameSchema]),
  ...node,
});
/** `person NAME [within GROUP] given …`: one of several people in a test of a distribution or pool (SPEC §7) */
export const TestPersonSchema = z.object({ name: NameSchema, within: NameSchema.optional(), given: z.array(GivenSchema), ...node });
export type TestPerson = z.infer<typeof TestPersonSchema>;
export const TestSchema = z.object({
  kind: z.literal('test'),
  name: z.string(),
  nameSpan: SpanSchema,
  given: z.array(GivenSchema),
  expects: z.array(ExpectSchema),
  people: z.array(TestPersonSchema).optional(),
  ...node,
});
export type TestCase = z.infer<typeof TestSchema>;

// ---------- SPEC §7: from score to money (pay, commission, pool, distribution, cycles) ----------

/** `pay NAME = EXPR` */
export const PaySchema = z.object({ kind: z.literal('pay'), name: NameSchema, expr: ExprSchema, ...node });
export type Pay = z.infer<typeof PaySchema>;

/** one tier: amounts `<= bound` (or `< bound`) take `rate`; the `else` tier has no bound */
export const TierSchema = z.object({
  op: z.enum(['<=', '<']).optional(),
  bound: NumLitSchema.optional(),
  rate: NumLitSchema,
  ...node,
});
export type Tier = z.infer<typeof TierSchema>;

/** `commission NAME on EXPR marginal|whole { <= B: RATE … else: RATE }` (超额累进 / 全额累进) */
export const CommissionSchema = z.object({
  kind: z.literal('commission'),
  name: NameSchema,
  on: ExprSchema,
  mode: z.enum(['marginal', 'whole']),
  tiers: z.array(TierSchema),
  ...node,
});
export type Commission = z.infer<typeof CommissionSchema>;

/** `pool NAME = EXPR split by coefficient [within COLUMN]` */
export const PoolSchema = z.object({
  kind: z.literal('pool'),
  name: NameSchema,
  amount: ExprSchema,
  within: NameSchema.optional(),
  ...node,
});
export type Pool = z.infer<typeof PoolSchema>;

export const QuotaSchema = z.object({ label: NameSchema, share: NumLitSchema, ...node });
export type Quota = z.infer<typeof QuotaSchema>;

/** `distribution [within COLUMN] [advise] [min N] { LABEL SHARE … }` (强制分布) */
export const DistributionSchema = z.object({
  kind: z.literal('distribution'),
  within: NameSchema.optional(),
  advise: z.boolean(),
  min: NumLitSchema.optional(),
  quotas: z.array(QuotaSchema),
  ...node,
});
export type Distribution = z.infer<typeof DistributionSchema>;

/** how several periods of one person combine (SPEC §7 Cycles) */
export const AggregateModeSchema = z.enum(['sum', 'average', 'last', 'score']);
export type AggregateMode = z.infer<typeof AggregateModeSchema>;
export const AggregateSchema = z.object({ mode: AggregateModeSchema, ...node });
export type Aggregate = z.infer<typeof AggregateSchema>;

export const MoneySchema = z.object({
  pays: z.array(PaySchema),
  commissions: z.array(CommissionSchema),
  pools: z.array(PoolSchema),
  distribution: DistributionSchema.optional(),
  /** `period COLUMN`: the data column naming each row's period */
  period: NameSchema.optional(),
  /** plan-level `aggregate MODE`: the default for indicators and groups without their own */
  aggregate: AggregateSchema.optional(),
});
export type Money = z.infer<typeof MoneySchema>;


export const CycleSchema = z.enum(['monthly', 'quarterly', 'semiannual', 'annual']);

export const SettingsSchema = z.object({
  cycle: z.object({ value: CycleSchema, ...node }).optional(),
  role: NameSchema.optional(),
  round: z.object({ value: z.number().int(), ...node }).optional(),
  /** `allow negative total`: penalties may take the total below 0 */
  negativeTotal: z.object({ ...node }).optional(),
});

export const PlanSchema = z.object({
  kind: z.literal('plan'),
  name: NameSchema,
  settings: SettingsSchema,
  /** indicators and groups, in source order */
  items: z.array(z.union([IndicatorSchema, GroupSchema])),
  metrics: z.array(MetricSchema),
  bonuses: z.array(BonusSchema),
  penalties: z.array(BonusSchema),
  allows: z.array(AllowSchema),
  vetoes: z.array(VetoSchema),
  grades: GradesSchema.optional(),
  tests: z.array(TestSchema),
  /** SPEC §7: pay, commission, pool, distribution, period settings; absent when the plan has none */
  money: MoneySchema.optional(),
  ...node,
});
export type Plan = z.infer<typeof PlanSchema>;

export const PlanFileSchema = z.object({
  kind: z.literal('file'),
  plans: z.array(PlanSchema),
  ...node,
});
export type PlanFile = z.infer<typeof PlanFileSchema>;

