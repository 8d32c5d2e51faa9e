import { Rational } from './rational.js';

/**
 * An exact decimal as it travels in the IR: canonical text (`0.7`, `100`, `-0.05`, `0.3333`).
 * Percent literals are stored as their value (`95%` → `0.95`). Text keeps the IR plain JSON data
 * and exact; arithmetic goes through Rational. Its zod schema is `DecimalSchema` in ir/schema.ts (this module
 * loads without zod: the parser and checker need `dec`, not the schema).
 */
export type Decimal = string;

export const dec = {
  /** canonical text from a Rational that terminates (throws if it does not: only for exact decimals) */
  fromRational(r: Rational): Decimal {
    const s = r.toDecimalString(40);
    return s;
  },
  toRational(d: Decimal): Rational {
    const r = Rational.parse(d);
    if (!r) throw new RangeError(`not a canonical decimal: ${d}`);
    return r;
  },
  /** canonicalise plain decimal text (`1_200_000`, `0.950`, `.5`); undefined if not a number */
  parse(text: string): Decimal | undefined {
    const r = Rational.parse(text.replace(/_/g, ''));
    return r ? r.toDecimalString(40) : undefined;
  },
  toNumber(d: Decimal): number {
    return Number(d);
  },
  /** `0.95` → `95%` for messages */
  toPercentText(d: Decimal): string {
    return `${dec.toRational(d).mul(Rational.HUNDRED).toDecimalString(10)}%`;
  },
};
