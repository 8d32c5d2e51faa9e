/**
 * CST → IR for SPEC §7 (pay, commission, pool, distribution, aggregate, period, test `person`).
 * Kept apart from build.ts so the scoring builder stays as it was; it uses the builder's leaves.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import { diag } from '../diagnostics/diag.js';
import type { Aggregate, Commission, Distribution, Money, Plan, Pool, Quota, TestPerson, Tier } from '../ir/schema.js';
import type { Span } from '../source/span.js';
import type { IrBuilder } from './build.js';

type Children = Record<string, CstElement[] | undefined>;
const isToken = (e: CstElement | undefined): e is IToken => !!e && (e as IToken).image !== undefined;
const real = (t: IToken | undefined): t is IToken => !!t && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
const tok = (c: Children, key: string, i = 0): IToken | undefined => {
  const e = c[key]?.[i];
  return isToken(e) && real(e) ? e : undefined;
};
const node = (c: Children, key: string, i = 0): CstNode | undefined => {
  const e = c[key]?.[i];
  return e && !isToken(e) ? (e as CstNode) : undefined;
};
const nodes = (c: Children, key: string): CstNode[] => (c[key] ?? []).filter((e): e is CstNode => !isToken(e));
const tspan = (t: IToken): Span => ({ start: t.startOffset, end: t.startOffset + t.image.length });
function nspan(n: CstNode, fallback: Span): Span {
  const l = n.location;
  if (l && Number.isFinite(l.startOffset) && Number.isFinite(l.endOffset ?? NaN)) return { start: l.startOffset, end: (l.endOffset as number) + 1 };
  return fallback;
}

export const MONEY_ITEMS = new Set(['pay', 'commission', 'pool', 'distribution', 'aggregate', 'periodSetting']);

function moneyOf(plan: Plan): Money {
  return (plan.money ??= { pays: [], commissions: [], pools: [] });
}

/** `aggregate MODE` node → its IR */
export function aggregateOf(n: CstNode | undefined, fallback: Span): Aggregate | undefined {
  if (!n) return undefined;
  const c = n.children;
  for (const [k, mode] of [['Kw_sum', 'sum'], ['Kw_average', 'average'], ['Kw_last', 'last'], ['Kw_score', 'score']] as const) {
    if (tok(c, k)) return { mode, span: nspan(n, fallback) };
  }
  return undefined;
}

/** one plan item of SPEC §7 into `plan.money` */
export function buildMoneyItem(b: IrBuilder, kind: string, n: CstNode, plan: Plan, once: (key: string, sp: Span, what: string) => boolean): void {
  const c = n.children;
  const span = nspan(n, plan.span);
  const nameOr = (kw: string) => b.name(node(c, 'name')) ?? { text: '', span: tok(c, kw) ? tspan(tok(c, kw)!) : span };
  switch (kind) {
    case 'pay':
      moneyOf(plan).pays.push({ kind: 'pay', name: nameOr('Kw_pay'), expr: b.topExpr(node(c, 'expr'), span), span });
      return;
    case 'commission': {
      const tiers: Tier[] = [];
      for (const r of nodes(c, 'bandRow')) {
        const rc = r.children;
        const opNode = node(rc, 'bandOp');
        const opTok = opNode ? (Object.values(opNode.children)[0]?.[0] as IToken | undefined) : undefined;
        const bound = b.num(node(rc, 'num', 0));
        const rate = b.num(node(rc, 'num', 1));
        if (!opTok || !real(opTok) || !bound || !rate) continue;
        if (opTok.image !== '<=' && opTok.image !== '<') {
          b.emit(diag('KPI0101.tier-op', { found: opTok.image }, { file: b.fileName, span: tspan(opTok), edits: [{ span: tspan(opTok), text: '<=' }] }));
          continue;
        }
        tiers.push({ op: opTok.image as '<=' | '<', bound, rate, span: nspan(r, span) });
      }
      const e = node(c, 'bandElse');
      const er = e ? b.num(node(e.children, 'num')) : undefined;
      if (e && er) tiers.push({ rate: er, span: nspan(e, span) });
      const cm: Commission = {
        kind: 'commission',
        name: nameOr('Kw_commission'),
        on: b.topExpr(node(c, 'expr'), span),
        mode: tok(c, 'Kw_whole') ? 'whole' : 'marginal',
        tiers,
        span,
      };
      moneyOf(plan).commissions.push(cm);
      return;
    }
    case 'pool': {
      const p: Pool = { kind: 'pool', name: nameOr('Kw_pool'), amount: b.topExpr(node(c, 'expr'), span), span };
      const w = b.name(node(c, 'name', 1));
      if (w) p.within = w;
      moneyOf(plan).pools.push(p);
      return;
    }
    case 'distribution': {
      const quotas: Quota[] = nodes(c, 'quota').flatMap((q) => {
        const label = b.name(node(q.children, 'name'));
        const share = b.num(node(q.children, 'num'));
        return label && share ? [{ label, share, span: nspan(q, span) }] : [];
      });
      const d: Distribution = { kind: 'distribution', advise: !!tok(c, 'Kw_advise'), quotas, span };
      const w = b.name(node(c, 'name'));
      if (w) d.within = w;
      const min = b.num(node(c, 'num'));
      if (min) d.min = min;
      if (once('distribution', span, '`distribution`')) moneyOf(plan).distribution = d;
      return;
    }
    case 'aggregate': {
      const a = aggregateOf(n, span);
      if (a && once('aggregate', span, '`aggregate`')) moneyOf(plan).aggregate = a;
      return;
    }
    case 'periodSetting': {
      const p = b.name(node(c, 'name'));
      if (p && once('period', span, '`period`')) moneyOf(plan).period = p;
      return;
    }
  }
}

/** `person NAME [within GROUP] given …` inside a test */
export function buildPerson(b: IrBuilder, n: CstNode, fallback: Span): TestPerson | undefined {
  const c = n.children;
  const name = b.name(node(c, 'name'));
  if (!name) return undefined;
  const span = nspan(n, fallback);
  const person: TestPerson = { name, given: [], span };
  const group = b.name(node(c, 'name', 1));
  if (group) person.within = group;
  const g = node(c, 'given');
  if (g) {
    for (const p of nodes(g.children, 'givenPair')) {
      const key = b.qualifiedName(node(p.children, 'qualifiedName'));
      const value = b.value(node(p.children, 'value'));
      if (key && value) person.given.push({ key, value, span: nspan(p, span) });
    }
  }
  return person;
}
