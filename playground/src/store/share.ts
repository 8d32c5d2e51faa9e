/**
 * Share links: the plan and the sample data in the URL hash, compressed with lz-string and versioned
 * (`#v1=…`). Decoding validates with zod; anything that fails to decode is reported, never thrown.
 */
import LZString from 'lz-string';
import { z } from 'zod';
import { text, type MessageRef } from '@kpi/core/diag';

export const SHARE_VERSION = 'v1';

export const SharedStateSchema = z.object({
  plan: z.string(),
  /** table header (first column = id) and rows of raw cell text, as typed */
  data: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) }).optional(),
  /** example the state started from, for the picker */
  example: z.string().optional(),
  lang: z.enum(['zh', 'en']).optional(),
});
export type SharedState = z.infer<typeof SharedStateSchema>;

export function encodeShare(state: SharedState): string {
  return `#${SHARE_VERSION}=${LZString.compressToEncodedURIComponent(JSON.stringify(state))}`;
}

/** `reason`: a text of the catalogue, shown in the language of the moment */
export type DecodeResult = { ok: true; state: SharedState } | { ok: false; reason: MessageRef } | { ok: 'empty' };

export function decodeShare(hash: string): DecodeResult {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h === '') return { ok: 'empty' };
  const m = /^(v\d+)=(.*)$/s.exec(h);
  if (!m) return { ok: false, reason: text('ui.pg.link-not-share', {}) };
  if (m[1] !== SHARE_VERSION) return { ok: false, reason: text('ui.pg.link-version', { version: m[1]! }) };
  let json: string | null;
  try {
    json = LZString.decompressFromEncodedURIComponent(m[2]!);
  } catch {
    json = null;
  }
  if (!json) return { ok: false, reason: text('ui.pg.link-damaged', {}) };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, reason: text('ui.pg.link-not-json', {}) };
  }
  const parsed = SharedStateSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: text('ui.pg.link-no-plan', {}) };
  return { ok: true, state: parsed.data };
}
