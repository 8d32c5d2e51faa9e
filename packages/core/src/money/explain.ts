/**
 * The money chain as sentences (SPEC §7), Chinese or English:
 *   销售提成 销售额 600,000：30 万以内 3% = 9,000，30–50 万 5% = 10,000，超出部分 7% = 7,000，合计 26,000
 */
import { Rational } from '../numbers/rational.js';
import { moneyText } from '../check/money.js';
import type { PersonMoney } from './evaluate.js';

const pct = (r: Rational) => `${r.mul(Rational.HUNDRED).toDecimalString(6)}%`;
/** 300000 → `30 万` in Chinese when it is whole 万, else grouped digits */
const amountZh = (r: Rational) => (r.den === 1n && r.num % 10000n === 0n && r.num !== 0n ? `${(r.num / 10000n).toString()} 万` : moneyText(r).replace(/\.00$/, ''));
const amount = (r: Rational) => moneyText(r).replace(/\.00$/, '');

export function renderMoneyExplanation(pm: PersonMoney, lang: 'zh' | 'en'): string[] {
  const zh = lang === 'zh';
  const out: string[] = [];
  if (pm.distribution) {
    const d = pm.distribution;
    const where = d.group ? (zh ? `${d.group}内` : `in ${d.group}`) : zh ? '全体' : 'overall';
    if (zh) out.push(`强制分布：${where}排名第 ${d.rank}，按分等级 ${pm.scoreGrade ?? '-'}，最终等级 ${pm.grade ?? '-'}${d.advisory ? '（参考，不强制）' : ''}${d.overflow ? '（与前一名同分，同档）' : ''}，绩效系数 ${pm.coefficient ?? '-'}`);
    else out.push(`Forced distribution: rank ${d.rank} ${where}, score-based grade ${pm.scoreGrade ?? '-'}, final grade ${pm.grade ?? '-'}${d.advisory ? ' (advisory)' : ''}${d.overflow ? ' (tied with the person above)' : ''}, coefficient ${pm.coefficient ?? '-'}`);
  }
  for (const c of pm.commissions) {
    const r = c.result;
    const parts = r.slices.map((s) => {
      if (r.mode === 'whole') return zh ? `全额 ${pct(s.rate)} = ${amount(s.value)}` : `the whole amount at ${pct(s.rate)} = ${amount(s.value)}`;
      if (!s.from && s.to) return zh ? `${amountZh(s.to)}以内 ${pct(s.rate)} = ${amount(s.value)}` : `up to ${amount(s.to)} at ${pct(s.rate)} = ${amount(s.value)}`;
      if (s.from && s.to) return zh ? `${amountZh(s.from).replace(/ 万$/, '')}–${amountZh(s.to)} ${pct(s.rate)} = ${amount(s.value)}` : `${amount(s.from)}–${amount(s.to)} at ${pct(s.rate)} = ${amount(s.value)}`;
      if (s.from) return zh ? `超出部分 ${pct(s.rate)} = ${amount(s.value)}` : `above ${amount(s.from)} at ${pct(s.rate)} = ${amount(s.value)}`;
      return zh ? `${pct(s.rate)} = ${amount(s.value)}` : `at ${pct(s.rate)} = ${amount(s.value)}`;
    });
    const mode = r.mode === 'whole' ? (zh ? '全额累进' : 'whole tier') : zh ? '超额累进' : 'marginal tiers';
    out.push(zh ? `${c.name}（${mode}）${c.on} ${amount(r.amount)}：${parts.join('，')}，合计 ${moneyText(r.value)}` : `${c.name} (${mode}) on ${c.on} ${amount(r.amount)}: ${parts.join(', ')}, total ${moneyText(r.value)}`);
  }
  for (const p of pm.pools) {
    const g = p.group ? (zh ? `${p.group}` : ` of ${p.group}`) : '';
    out.push(
      zh
        ? `${p.name}：${g}奖金池 ${moneyText(p.pool)} × 系数 ${p.coefficient.toDecimalString()} ÷ 系数合计 ${p.coefficientSum.toDecimalString()} = ${moneyText(p.share)}（按分取整，尾差按最大余数分配）`
        : `${p.name}: pool${g} ${moneyText(p.pool)} × coefficient ${p.coefficient.toDecimalString()} ÷ sum of coefficients ${p.coefficientSum.toDecimalString()} = ${moneyText(p.share)} (to the cent; leftover cents by largest remainder)`,
    );
  }
  for (const p of pm.pays) out.push(zh ? `${p.name} = ${p.expr} = ${moneyText(p.value)}（元，四舍五入到分）` : `${p.name} = ${p.expr} = ${moneyText(p.value)} (to the cent, half-up)`);
  return out;
}
