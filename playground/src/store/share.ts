/**
 * Share links: the plan and the sample data in the URL hash, compressed with lz-string and versioned
 * (`#v1=…`). Decoding validates with zod; anything that fails to decode is reported, never thrown.
 */
import LZString from 'lz-string';
import { z } from 'zod';

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

export type DecodeResult = { ok: true; state: SharedState } | { ok: false; reason: string } | { ok: 'empty' };

export function decodeShare(hash: string): DecodeResult {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h === '') return { ok: 'empty' };
  const m = /^(v\d+)=(.*)$/s.exec(h);
  if (!m) return { ok: false, reason: 'not a share link' };
  if (m[1] !== SHARE_VERSION) return { ok: false, reason: `unsupported share-link version ${m[1]}` };
  let json: string | null;
  try {
    json = LZString.decompressFromEncodedURIComponent(m[2]!);
  } catch {
    json = null;
  }
  if (!json) return { ok: false, reason: 'the link is damaged (cannot decompress)' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'the link is damaged (not JSON)' };
  }
  const parsed = SharedStateSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'the link does not hold a plan' };
  return { ok: true, state: parsed.data };
}
