/**
 * The kpi grammar: one chevrotain CstParser. Rule bodies have no side effects; the CST is turned into the
 * IR by build.ts. Keywords are not reserved: the `name` rule accepts any keyword token (category Keyword).
 * Clauses of an indicator or bonus are accepted in any order; build.ts reports missing or repeated ones.
 */
import { CstParser, EOF, tokenMatcher, type IToken, type TokenType, type IParserErrorMessageProvider } from 'chevrotain';
import * as T from '../lexer/tokens.js';

/** what a rule stands for, in messages: "expected a scoring method after `scoring`" */
export const RULE_DESCRIPTIONS: Record<string, string> = {
  file: '`plan`',
  plan: '`plan`',
  planItem: 'a plan item (`indicator`, `group`, `metric`, `bonus`, `penalty`, `veto`, `grades`, `test`, `allow`, `cycle`, `role`, `round`, `pay`, `commission`, `pool`, `distribution`, `aggregate`, `period`)',
  groupItem: '`indicator` or `group`',
  indicatorClause: 'an indicator clause',
  targetValue: 'a target (a number, a range `3..5`, or a column name)',
  stepClause: '`deduct N per STEP` or `add N per STEP`',
  method: 'a scoring method',
  cycleSetting: 'a cycle (`monthly`, `quarterly`, `semiannual`, `annual`)',
  name: 'a name',
  qualifiedName: 'a name',
  num: 'a number',
  value: 'a number',
  expr: 'an expression',
  atom: 'an expression',
  bandRow: 'a band row (`>= X: S`)',
  bandOp: '`>=`, `>`, `<=` or `<`',
  expectValue: 'a number or a grade label',
  basis: '`ratio` or `actual`',
};

/** A readable name for a token type in messages. */
export function tokenLabel(t: TokenType): string {
  if (t === EOF) return 'end of file';
  return (t as { LABEL?: string }).LABEL ?? t.name;
}

export function describeToken(tok: IToken | undefined): string {
  if (!tok || tok.tokenType === EOF) return 'end of file';
  return '`' + tok.image + '`';
}

/** Expected-token sets recorded when chevrotain builds an error message (read by parser/index.ts). */
export const expectedByToken = new WeakMap<IToken, { expected: TokenType[]; rule: string; previous?: IToken }>();

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    expectedByToken.set(actual, { expected: [expected], rule: ruleName, previous });
    return `expected ${tokenLabel(expected)}${after(previous)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    expectedByToken.set(firstRedundant, { expected: [T.Plan], rule: 'file' });
    return `expected \`plan\`, found ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }) {
    const first = actual[0]!;
    const exp = expectedPathsPerAlt.flatMap((alt) => alt.map((p) => p[0]!)).filter((x) => x !== undefined);
    expectedByToken.set(first, { expected: exp, rule: ruleName, previous });
    return `expected ${RULE_DESCRIPTIONS[ruleName] ?? describeSet(exp)}${after(previous)}, found ${describeToken(first)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, previous, ruleName }) {
    const first = actual[0]!;
    const exp = expectedIterationPaths.map((p) => p[0]!).filter((x) => x !== undefined);
    expectedByToken.set(first, { expected: exp, rule: ruleName, previous });
    return `expected ${RULE_DESCRIPTIONS[ruleName] ?? describeSet(exp)}${after(previous)}, found ${describeToken(first)}`;
  },
};

function after(previous: IToken | undefined): string {
  return previous && previous.tokenType !== EOF && previous.image ? ` after \`${previous.image}\`` : '';
}

function describeSet(ts: TokenType[]): string {
  const labels = [...new Set(ts.map(tokenLabel))];
  if (labels.length <= 1) return labels[0] ?? 'something else';
  return labels.slice(0, -1).join(', ') + ' or ' + labels[labels.length - 1];
}

const STATEMENT_TOKENS = new Set<TokenType>([
  T.Plan, T.Indicator, T.Group, T.Metric, T.Bonus, T.Penalty, T.Veto, T.Grades, T.Test, T.Cycle, T.Role, T.Round, T.Given, T.Expect,
  T.Allow,
  T.Pay, T.Commission, T.Pool, T.Distribution, T.Aggregate, T.Period, T.Person,
]);

export interface KpiParserOptions {
  /**
   * run chevrotain's grammar validations (ambiguities, left recursion, …) while the parser is built. They
   * cost ~30 ms at every start and cannot fail at run time for a grammar that passed them once: the
   * shipped instance skips them, test/parser/grammar-validation.test.ts builds one with them on.
   */
  validate?: boolean;
  /** chevrotain's own CST node creation (children in a prototype-less dictionary), for the equivalence test */
  stockCst?: boolean;
}

/** the CST node chevrotain builds, as KpiParser.cstInvocationStateUpdate makes it */
interface CstNodeInProgress {
  name: string;
  children: Record<string, unknown[]>;
  location: { startOffset: number; endOffset: number };
}

export class KpiParser extends CstParser {
  constructor(options: KpiParserOptions = {}) {
    super(T.ALL_TOKENS, {
      recoveryEnabled: true,
      nodeLocationTracking: 'onlyOffset',
      maxLookahead: 3,
      errorMessageProvider,
      skipValidations: !options.validate,
    });
    if (options.stockCst) {
      const stock = CstParser.prototype as unknown as Record<string, unknown>;
      const self = this as unknown as Record<string, unknown>;
      for (const m of ['cstInvocationStateUpdate', 'cstPostTerminal', 'cstPostNonTerminal']) self[m] = stock[m];
    }
    this.performSelfAnalysis();
  }

  /*
   * CST building, as chevrotain 11 does it with `recoveryEnabled` and `nodeLocationTracking: 'onlyOffset'`
   * (tree_builder.ts), but with `children` a plain object instead of `Object.create(null)`: V8 keeps a
   * prototype-less object in dictionary mode, and for 180,000 tokens the hash-table children made the CST
   * cost ~4x the parse itself (issue 14). A plain object gets hidden classes; no token or rule name is an
   * Object.prototype property (checked below at load, and by the equivalence test against chevrotain's own
   * nodes), so `children[key] === undefined` means the same.
   */
  cstInvocationStateUpdate(fullRuleName: string): void {
    const node: CstNodeInProgress = { name: fullRuleName, children: {}, location: { startOffset: NaN, endOffset: NaN } };
    (this as unknown as { CST_STACK: CstNodeInProgress[] }).CST_STACK.push(node);
  }

  cstPostTerminal(key: string, token: IToken): void {
    const stack = (this as unknown as { CST_STACK: CstNodeInProgress[] }).CST_STACK;
    const node = stack[stack.length - 1]!;
    const arr = node.children[key];
    if (arr === undefined) node.children[key] = [token];
    else arr.push(token);
    extendLocation(node.location, token);
  }

  cstPostNonTerminal(result: CstNodeInProgress, ruleName: string): void {
    const stack = (this as unknown as { CST_STACK: CstNodeInProgress[] }).CST_STACK;
    const node = stack[stack.length - 1]!;
    const arr = node.children[ruleName];
    if (arr === undefined) node.children[ruleName] = [result];
    else arr.push(result);
    extendLocation(node.location, result.location);
  }

  /** the next token is on the line of the previous one */
  private sameLine(): boolean {
    const t = this.LA(1);
    const prev = this.LA(0);
    return !!prev && Number.isFinite(prev.startOffset) && (t.startLine ?? 0) === (prev.endLine ?? prev.startLine ?? 0);
  }

  private statementStartsHere(): boolean {
    const t = this.LA(1);
    if (!STATEMENT_TOKENS.has(t.tokenType)) return false;
    const prev = this.LA(0);
    return !prev || !Number.isFinite(prev.startOffset) || (t.startLine ?? 0) > (prev.endLine ?? prev.startLine ?? 0);
  }

  /** index (LA(k)) of the token chosen by the last findReSyncTokenType */
  private resyncK = 1;

  /**
   * Statement-level resynchronisation: after an error, skip to a token of the follow set that starts a
   * line (or a `}`), not to the next keyword in the middle of the broken line. Keywords are not reserved,
   * so chevrotain's default (first follow-set token) would resume inside the broken statement and swallow
   * the next line's error.
   */
  findReSyncTokenType(): TokenType {
    const follows = (this as unknown as { flattenFollowSet(): TokenType[] }).flattenFollowSet();
    let prev: IToken | undefined = this.LA(0);
    let depth = 0; // `{ }` skipped whole: their contents and their `}` are not resync points
    for (let k = 1; ; k++) {
      const t = this.LA(k);
      if (t.tokenType === EOF) {
        this.resyncK = k;
        return EOF;
      }
      if (t.tokenType === T.LBrace && k > 1) {
        depth++;
        prev = t;
        continue;
      }
      if (depth > 0) {
        if (t.tokenType === T.RBrace) depth--;
        prev = t;
        continue;
      }
      const startsLine =
        !prev || prev.tokenType === EOF || !Number.isFinite(prev.startOffset) || (t.startLine ?? 0) > (prev.endLine ?? prev.startLine ?? 0);
      if (startsLine || t.tokenType === T.RBrace) {
        const m = follows.find((f) => tokenMatcher(t, f));
        if (m) {
          this.resyncK = k;
          return m;
        }
      }
      prev = t;
    }
  }

  reSyncTo(tokType: TokenType): IToken[] {
    const skipped: IToken[] = [];
    const self = this as unknown as { SKIP_TOKEN(): IToken };
    // skip exactly to the token findReSyncTokenType chose (when it is the type asked for)
    const target = this.LA(this.resyncK);
    const exact = tokenMatcher(target, tokType);
    let next = this.LA(1);
    let n = 1;
    while (exact ? n < this.resyncK : !tokenMatcher(next, tokType)) {
      skipped.push(next);
      self.SKIP_TOKEN();
      next = this.LA(1);
      n++;
      if (next.tokenType === EOF) break;
    }
    return skipped;
  }

  file = this.RULE('file', () => {
    this.MANY(() => this.SUBRULE(this.plan));
  });

  plan = this.RULE('plan', () => {
    this.CONSUME(T.Plan);
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.planItem));
    this.CONSUME(T.RBrace);
  });

  planItem = this.RULE('planItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.indicator) },
      { ALT: () => this.SUBRULE(this.group) },
      { ALT: () => this.SUBRULE(this.metric) },
      { ALT: () => this.SUBRULE(this.bonus) },
      { ALT: () => this.SUBRULE(this.penalty) },
      { ALT: () => this.SUBRULE(this.veto) },
      { ALT: () => this.SUBRULE(this.grades) },
      { ALT: () => this.SUBRULE(this.test) },
      { ALT: () => this.SUBRULE(this.cycleSetting) },
      { ALT: () => this.SUBRULE(this.roleSetting) },
      { ALT: () => this.SUBRULE(this.roundSetting) },
      { ALT: () => this.SUBRULE(this.allow) },
      // SPEC §7 (money and cycles)
      { ALT: () => this.SUBRULE(this.pay) },
      { ALT: () => this.SUBRULE(this.commission) },
      { ALT: () => this.SUBRULE(this.pool) },
      { ALT: () => this.SUBRULE(this.distribution) },
      { ALT: () => this.SUBRULE(this.aggregate) },
      { ALT: () => this.SUBRULE(this.periodSetting) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]);
  });

  // ---------- SPEC §7: from score to money ----------
  // pay NAME = EXPR
  pay = this.RULE('pay', () => {
    this.CONSUME(T.Pay);
    this.SUBRULE(this.name);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  // commission NAME on EXPR marginal|whole { <= B: RATE … else: RATE }  (rows reuse bandRow/bandElse)
  commission = this.RULE('commission', () => {
    this.CONSUME(T.Commission);
    this.SUBRULE(this.name);
    this.CONSUME(T.On);
    this.SUBRULE(this.expr);
    this.OR([{ ALT: () => this.CONSUME(T.Marginal) }, { ALT: () => this.CONSUME(T.Whole) }]);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR2([{ ALT: () => this.SUBRULE(this.bandRow) }, { ALT: () => this.SUBRULE(this.bandElse) }]);
      this.OPTION(() => this.SUBRULE(this.sep));
    });
    this.CONSUME(T.RBrace);
  });

  // pool NAME = EXPR split by coefficient [within COLUMN]
  pool = this.RULE('pool', () => {
    this.CONSUME(T.Pool);
    this.SUBRULE(this.name);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
    this.CONSUME(T.Split);
    this.CONSUME(T.By);
    this.CONSUME(T.Coefficient);
    this.OPTION(() => {
      this.CONSUME(T.Within);
      this.SUBRULE2(this.name);
    });
  });

  // distribution [within COLUMN] [advise] [min N] { LABEL SHARE … }
  distribution = this.RULE('distribution', () => {
    this.CONSUME(T.Distribution);
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Within); this.SUBRULE(this.name); } },
        { ALT: () => this.CONSUME(T.Advise) },
        { ALT: () => { this.CONSUME(T.Min); this.SUBRULE(this.num); } },
      ]);
    });
    this.CONSUME(T.LBrace);
    this.MANY2(() => {
      this.SUBRULE(this.quota);
      this.OPTION(() => this.SUBRULE(this.sep));
    });
    this.CONSUME(T.RBrace);
  });

  quota = this.RULE('quota', () => {
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(T.Colon));
    this.SUBRULE(this.num);
  });

  // aggregate sum|average|last|score (plan default; also a clause of an indicator or group)
  aggregate = this.RULE('aggregate', () => {
    this.CONSUME(T.Aggregate);
    this.OR([
      { ALT: () => this.CONSUME(T.Sum) },
      { ALT: () => this.CONSUME(T.Average) },
      { ALT: () => this.CONSUME(T.Last) },
      { ALT: () => this.CONSUME(T.ScoreKw) },
    ]);
  });

  // period COLUMN: the data column that names each row's period
  periodSetting = this.RULE('periodSetting', () => {
    this.CONSUME(T.Period);
    this.SUBRULE(this.name);
  });

  cycleSetting = this.RULE('cycleSetting', () => {
    this.CONSUME(T.Cycle);
    this.CONSUME(T.CycleKw);
  });

  roleSetting = this.RULE('roleSetting', () => {
    this.CONSUME(T.Role);
    this.SUBRULE(this.name);
  });

  roundSetting = this.RULE('roundSetting', () => {
    this.CONSUME(T.Round);
    this.CONSUME(T.NumberLit);
  });

  // indicator NAME weight W [target T] scoring METHOD [options] ["description"]
  indicator = this.RULE('indicator', () => {
    this.CONSUME(T.Indicator);
    this.SUBRULE(this.name);
    this.MANY(() => this.SUBRULE(this.indicatorClause));
  });

  indicatorClause = this.RULE('indicatorClause', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Weight); this.SUBRULE(this.num); } },
      { ALT: () => { this.CONSUME(T.Target); this.SUBRULE(this.targetValue); } },
      { ALT: () => { this.CONSUME(T.Scoring); this.SUBRULE(this.method); } },
      { ALT: () => { this.CONSUME(T.Cap); this.SUBRULE2(this.num); } },
      { ALT: () => { this.CONSUME(T.Floor); this.SUBRULE3(this.num); } },
      { ALT: () => { this.CONSUME(T.Input); this.SUBRULE(this.qualifiedName); } },
      { ALT: () => { this.CONSUME(T.Unit); this.SUBRULE(this.unitValue); } },
      { ALT: () => { this.CONSUME(T.Default); this.SUBRULE2(this.value); } },
      { ALT: () => this.CONSUME(T.Lower) },
      { ALT: () => this.CONSUME(T.Optional) },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.SUBRULE(this.aggregate) },
    ]);
  });

  /** `target 100%`, `target "¥1,200,000"`, `target 3..5` (a range), `target 销售目标` (a column or metric per person) */
  targetValue = this.RULE('targetValue', () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.num);
          this.OPTION(() => {
            this.CONSUME(T.DotDot);
            this.SUBRULE2(this.num);
          });
        },
      },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.Identifier) },
      // keywords are not reserved: `target 目标` reads the column (or metric) 目标, a name Chinese sheets use
      { ALT: () => this.CONSUME(T.Keyword) },
    ]);
  });

  unitValue = this.RULE('unitValue', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.name) }, { ALT: () => this.CONSUME(T.PercentSign) }]);
  });

  method = this.RULE('method', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Linear) },
      { ALT: () => this.CONSUME(T.Reverse) },
      { ALT: () => this.CONSUME(T.Threshold) },
      { ALT: () => this.SUBRULE(this.bands) },
      { ALT: () => this.SUBRULE(this.curve) },
      {
        ALT: () => {
          this.SUBRULE(this.deduct);
          this.OPTION(() => this.SUBRULE2(this.deduct));
        },
      },
      { ALT: () => this.SUBRULE(this.rating) },
    ]);
  });

  basis = this.RULE('basis', () => {
    this.CONSUME(T.On);
    this.OR([{ ALT: () => this.CONSUME(T.Ratio) }, { ALT: () => this.CONSUME(T.Actual) }]);
  });

  bands = this.RULE('bands', () => {
    this.CONSUME(T.Bands);
    this.OPTION(() => this.SUBRULE(this.basis));
    this.OPTION3(() => this.CONSUME(T.Lower));
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.bandRow) }, { ALT: () => this.SUBRULE(this.bandElse) }]);
      this.OPTION2(() => this.SUBRULE(this.sep));
    });
    this.CONSUME(T.RBrace);
  });

  sep = this.RULE('sep', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Comma) }, { ALT: () => this.CONSUME(T.Semicolon) }]);
  });

  bandRow = this.RULE('bandRow', () => {
    this.SUBRULE(this.bandOp);
    this.SUBRULE(this.num);
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.num);
  });

  bandOp = this.RULE('bandOp', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.GreaterEq) },
      { ALT: () => this.CONSUME(T.Greater) },
      { ALT: () => this.CONSUME(T.LessEq) },
      { ALT: () => this.CONSUME(T.Less) },
    ]);
  });

  bandElse = this.RULE('bandElse', () => {
    this.CONSUME(T.Else);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.num);
  });

  curve = this.RULE('curve', () => {
    this.CONSUME(T.Curve);
    this.OPTION(() => this.SUBRULE(this.basis));
    this.OPTION3(() => this.CONSUME(T.Lower));
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.curvePoint);
      this.OPTION2(() => this.SUBRULE(this.sep));
    });
    this.CONSUME(T.RBrace);
  });

  curvePoint = this.RULE('curvePoint', () => {
    this.SUBRULE(this.num);
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.num);
  });

  // deduct N per STEP [below|above target] [max M] [whole|started]; `add` likewise (relative to the target only)
  deduct = this.RULE('deduct', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Deduct) }, { ALT: () => this.CONSUME(T.Add) }]);
    this.SUBRULE(this.num);
    this.CONSUME(T.Per);
    this.SUBRULE2(this.num);
    this.OPTION(() => {
      this.OR2([{ ALT: () => this.CONSUME(T.Below) }, { ALT: () => this.CONSUME(T.Above) }]);
      this.CONSUME(T.Target);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Max);
      this.SUBRULE3(this.num);
    });
    this.OPTION3(() => this.OR3([{ ALT: () => this.CONSUME(T.Whole) }, { ALT: () => this.CONSUME(T.Started) }]));
  });

  rating = this.RULE('rating', () => {
    this.CONSUME(T.Rating);
    this.SUBRULE(this.num);
    this.CONSUME(T.DotDot);
    this.SUBRULE2(this.num);
    this.OPTION(() => this.SUBRULE(this.raters));
  });

  raters = this.RULE('raters', () => {
    this.CONSUME(T.Raters);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.rater);
      this.OPTION(() => this.SUBRULE(this.sep));
    });
    this.CONSUME(T.RBrace);
  });

  rater = this.RULE('rater', () => {
    this.SUBRULE(this.name);
    this.SUBRULE(this.num);
  });

  group = this.RULE('group', () => {
    this.CONSUME(T.Group);
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(T.Weight);
      this.SUBRULE(this.num);
    });
    this.OPTION2(() => this.CONSUME(T.Optional));
    this.OPTION3(() => this.SUBRULE(this.aggregate));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.groupItem));
    this.CONSUME(T.RBrace);
  });

  groupItem = this.RULE('groupItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.indicator) },
      { ALT: () => this.SUBRULE(this.group) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]);
  });

  metric = this.RULE('metric', () => {
    this.CONSUME(T.Metric);
    this.SUBRULE(this.name);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
    this.OPTION(() => {
      this.CONSUME(T.Default);
      this.SUBRULE(this.value);
    });
  });

  // bonus NAME points P per N [max M] [input COLUMN] [default V]
  bonus = this.RULE('bonus', () => {
    this.CONSUME(T.Bonus);
    this.SUBRULE(this.name);
    this.MANY(() => this.SUBRULE(this.bonusClause));
  });

  bonusClause = this.RULE('bonusClause', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Points); this.SUBRULE(this.num); } },
      { ALT: () => { this.CONSUME(T.Per); this.SUBRULE2(this.num); } },
      { ALT: () => { this.CONSUME(T.Max); this.SUBRULE3(this.num); } },
      { ALT: () => { this.CONSUME(T.Input); this.SUBRULE(this.qualifiedName); } },
      { ALT: () => { this.CONSUME(T.Default); this.SUBRULE(this.value); } },
    ]);
  });

  // penalty NAME points P per N [max M] [input COLUMN] [default V]: points taken off the total (扣分项)
  penalty = this.RULE('penalty', () => {
    this.CONSUME(T.Penalty);
    this.SUBRULE(this.name);
    this.MANY(() => this.SUBRULE(this.bonusClause));
  });

  // allow KPI0601 "reason" — a practice warning accepted with a reason; `allow negative total`
  allow = this.RULE('allow', () => {
    this.CONSUME(T.Allow);
    this.SUBRULE(this.name);
    // `allow negative total`: a second word on the same line
    this.OPTION({ GATE: () => this.LA(1).tokenType !== T.StringLit && this.sameLine(), DEF: () => this.SUBRULE2(this.name) });
    this.OPTION2(() => this.CONSUME(T.StringLit));
  });

  veto = this.RULE('veto', () => {
    this.CONSUME(T.Veto);
    this.SUBRULE(this.name);
    this.CONSUME(T.When);
    this.SUBRULE(this.expr);
  });

  grades = this.RULE('grades', () => {
    this.CONSUME(T.Grades);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.gradeLine);
      this.OPTION(() => this.SUBRULE(this.sep));
    });
    this.CONSUME(T.RBrace);
  });

  gradeLine = this.RULE('gradeLine', () => {
    this.SUBRULE(this.name);
    this.OPTION(() => {
      // `>` is accepted only to be reported with a fix (build.ts)
      this.OR([{ ALT: () => this.CONSUME(T.GreaterEq) }, { ALT: () => this.CONSUME(T.Greater) }]);
      this.SUBRULE(this.num);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Coefficient);
      this.SUBRULE2(this.num);
    });
  });

  test = this.RULE('test', () => {
    this.CONSUME(T.Test);
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.given) },
        { ALT: () => this.SUBRULE(this.expect) },
        { ALT: () => this.SUBRULE(this.person) },
        { ALT: () => this.SUBRULE(this.sep) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  given = this.RULE('given', () => {
    this.CONSUME(T.Given);
    this.SUBRULE(this.givenPair);
    // another pair follows after `,` or when the next two tokens are `NAME =` / `NAME .` (LL(2); `expect x = 1` is not a pair)
    this.MANY({
      GATE: () => {
        const t1 = this.LA(1).tokenType;
        if (t1 === T.Comma) return true;
        const t2 = this.LA(2).tokenType;
        return t2 === T.Equals || t2 === T.Dot;
      },
      DEF: () => {
        this.OPTION(() => this.CONSUME(T.Comma));
        this.SUBRULE2(this.givenPair);
      },
    });
  });

  // person NAME [within GROUP] given A = v, …  — one of several people in a distribution or pool test
  person = this.RULE('person', () => {
    this.CONSUME(T.Person);
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(T.Within);
      this.SUBRULE2(this.name);
    });
    this.SUBRULE(this.given);
  });

  givenPair = this.RULE('givenPair', () => {
    this.SUBRULE(this.qualifiedName);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.value);
  });

  expect = this.RULE('expect', () => {
    this.CONSUME(T.Expect);
    this.SUBRULE(this.qualifiedName);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expectValue);
  });

  expectValue = this.RULE('expectValue', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.num) }, { ALT: () => this.SUBRULE(this.name) }]);
  });

  // ---------- expressions: or < and < not < comparison < + - < * / < unary - ----------
  expr = this.RULE('expr', () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpr);
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpr);
    });
  });

  /** `not` is an operator here, never a name; a loop (not recursion) so long chains cannot overflow */
  notExpr = this.RULE('notExpr', () => {
    this.MANY(() => this.CONSUME(T.Not));
    this.SUBRULE(this.compareExpr);
  });

  compareExpr = this.RULE('compareExpr', () => {
    this.SUBRULE(this.addExpr);
    this.MANY(() => {
      this.SUBRULE(this.compareOp);
      this.SUBRULE2(this.addExpr);
    });
  });

  compareOp = this.RULE('compareOp', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.GreaterEq) },
      { ALT: () => this.CONSUME(T.Greater) },
      { ALT: () => this.CONSUME(T.LessEq) },
      { ALT: () => this.CONSUME(T.Less) },
      { ALT: () => this.CONSUME(T.EqEq) },
      { ALT: () => this.CONSUME(T.NotEq) },
    ]);
  });

  addExpr = this.RULE('addExpr', () => {
    this.SUBRULE(this.mulExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      this.SUBRULE2(this.mulExpr);
    });
  });

  mulExpr = this.RULE('mulExpr', () => {
    this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Slash) }]);
      this.SUBRULE2(this.unaryExpr);
    });
  });

  unaryExpr = this.RULE('unaryExpr', () => {
    this.MANY(() => this.CONSUME(T.Minus));
    this.SUBRULE(this.atom);
  });

  atom = this.RULE('atom', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(T.NumberLit) },
        { ALT: () => this.CONSUME(T.PercentLit) },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            this.SUBRULE(this.expr);
            this.CONSUME(T.RParen);
          },
        },
        { ALT: () => this.SUBRULE(this.call) },
        // a statement keyword at the start of a line begins the next statement, it is not an operand
        { GATE: () => !this.statementStartsHere(), ALT: () => this.SUBRULE(this.qualifiedName) },
        { ALT: () => this.CONSUME(T.TooDeep) },
      ],
    });
  });

  call = this.RULE('call', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Min) }, { ALT: () => this.CONSUME(T.Max) }, { ALT: () => this.CONSUME(T.Abs) }]);
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr) });
    this.CONSUME(T.RParen);
  });

  // ---------- leaves ----------
  /** a name: identifier, string, or any keyword (keywords are not reserved) */
  name = this.RULE('name', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.Keyword) },
    ]);
  });

  /** `执行力.manager`: a column of one rater */
  qualifiedName = this.RULE('qualifiedName', () => {
    this.SUBRULE(this.name);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.name);
    });
  });

  /** a number or percent, optionally negative */
  num = this.RULE('num', () => {
    this.OPTION(() => this.CONSUME(T.Minus));
    this.OR([{ ALT: () => this.CONSUME(T.NumberLit) }, { ALT: () => this.CONSUME(T.PercentLit) }]);
  });

  /** a number where people may quote it as in data: `"1,200,000"`, `"¥1,200,000"` */
  value = this.RULE('value', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.num) }, { ALT: () => this.CONSUME(T.StringLit) }]);
  });
}

/** chevrotain's setNodeLocationOnlyOffset (cst.ts) */
function extendLocation(loc: { startOffset: number; endOffset: number }, from: { startOffset: number; endOffset?: number }): void {
  if (isNaN(loc.startOffset)) {
    loc.startOffset = from.startOffset;
    loc.endOffset = from.endOffset as number;
  } else if (loc.endOffset < (from.endOffset as number)) {
    loc.endOffset = from.endOffset as number;
  }
}

/** CST keys are token and rule names; with plain-object children none may be an Object.prototype property */
export function cstKeyClashes(parser: KpiParser): string[] {
  const names = [...T.ALL_TOKENS.map((t) => t.name), ...Object.keys(parser.getGAstProductions())];
  return names.filter((n) => n in Object.prototype);
}

let instance: KpiParser | undefined;
/**
 * The one parser instance, built on first use: building it (chevrotain's grammar analysis) costs ~50 ms,
 * and a plan the fast path (fast.ts) reads never needs it.
 */
export function kpiParser(): KpiParser {
  if (!instance) {
    instance = new KpiParser();
    if (cstKeyClashes(instance).length) throw new Error(`CST keys clash with Object.prototype: ${cstKeyClashes(instance).join(', ')}`);
  }
  return instance;
}
