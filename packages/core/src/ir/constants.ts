/** The IR's run-time constants, apart from its zod schemas (schema.ts) so that using them does not load zod. */
import type { Money } from './schema.js';

/** Version tag written by `kpi compile --target json`. */
export const IR_VERSION = 1;

export const emptyMoney = (): Money => ({ pays: [], commissions: [], pools: [] });
