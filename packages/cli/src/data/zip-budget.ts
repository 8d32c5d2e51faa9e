/**
 * Budgets for an XLSX (a zip archive) before anything is inflated (issue 13): a 410 KB workbook whose
 * shared strings unpack to 400 MB took 1.8 GB of memory, and one whose zip headers lie about the size got
 * jszip's "Bug: uncompressed data size mismatch". Here the central directory is read by hand, every part's
 * declared size is checked against the budget, and every compressed part is inflated once with a hard output
 * limit (its declared size), so a lying header is caught with bounded memory. Only then does exceljs read it.
 */
import { inflateRawSync } from 'node:zlib';
import { bilingual, diag, type ArgsOf, type Diagnostic, type DiagnosticId, type Text } from '@kpi/core';

/** all parts together may unpack to at most this much … */
export const MAX_UNPACKED = 256 * 1024 * 1024;
/** … and to at most this many times the workbook's own size (real workbooks: 3–20×; bombs: 1,000×) */
export const MAX_RATIO = 100;
/** small workbooks may always unpack to this much */
export const MIN_BUDGET = 32 * 1024 * 1024;

export type ZipVerdict = { ok: true } | { ok: false; diagnostic: Diagnostic };

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function checkZipBudget(buf: Uint8Array, shownName: string): ZipVerdict {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const refuse = <I extends DiagnosticId>(id: I, args: ArgsOf<I>): ZipVerdict => ({ ok: false, diagnostic: diag(id, args, { file: shownName }) });
  const damaged = (why: Text): ZipVerdict => refuse('KPI0830', { file: shownName, why });
  // end of central directory: the last 0x06054b50 within the final 64 KiB + 22 bytes
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return damaged(bilingual('what.zip-no-directory', {}));
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) return refuse('KPI0830.zip64', { file: shownName });
  const budget = Math.min(MAX_UNPACKED, Math.max(MIN_BUDGET, MAX_RATIO * buf.length));
  let total = 0;
  let p = cdOffset;
  const parts: { name: string; method: number; comp: number; size: number; local: number }[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || view.getUint32(p, true) !== 0x02014b50) return damaged(bilingual('what.zip-broken-directory', {}));
    const method = view.getUint16(p + 10, true);
    const comp = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(buf.subarray(p + 46, p + 46 + nameLen));
    if (size === 0xffffffff || comp === 0xffffffff) return refuse('KPI0830.part-4gb', { file: shownName, part: name });
    total += size;
    if (total > budget) {
      return refuse('KPI0830.budget', { file: shownName, budget: mb(budget), part: name, size: mb(size), packed: mb(buf.length) });
    }
    parts.push({ name, method, comp, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  // inflate each part once, never beyond its declared size: a lying header cannot make us allocate more
  for (const part of parts) {
    if (part.local + 30 > buf.length || view.getUint32(part.local, true) !== 0x04034b50) return damaged(bilingual('what.zip-part-missing', { part: part.name }));
    const start = part.local + 30 + view.getUint16(part.local + 26, true) + view.getUint16(part.local + 28, true);
    const data = buf.subarray(start, start + part.comp);
    if (data.length !== part.comp) return damaged(bilingual('what.zip-part-short', { part: part.name }));
    if (part.method === 0) {
      if (part.comp !== part.size) return damaged(bilingual('what.zip-part-size', { part: part.name }));
      continue;
    }
    if (part.method !== 8) return damaged(bilingual('what.zip-part-method', { part: part.name, method: part.method }));
    let out: Buffer;
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, part.size) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|larger than/i.test((e as Error).message)) {
        return refuse('KPI0830.lying', { file: shownName, part: part.name, size: mb(part.size) });
      }
      return damaged(bilingual('what.zip-part-unpack', { part: part.name }));
    }
    if (out.length !== part.size) return damaged(bilingual('what.zip-part-bytes', { part: part.name, n: out.length, declared: part.size }));
  }
  return { ok: true };
}
