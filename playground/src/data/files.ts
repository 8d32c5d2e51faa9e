/**
 * Loading a data file into the table, read by the same rules as `kpi score --data`: CSV bytes are decoded and
 * split in the engine worker (the core's decodeText, sniffDelimiter and csv-parse options); XLSX is read by
 * exceljs — the CLI's library — loaded from a plain <script> only when a workbook is chosen, and turned into
 * cells by the core's worksheetRows (merged cells, formulas, rich text as the CLI reads them).
 */
import { text, type MessageRef } from '@kpi/core/diag';
import type { EngineClient } from '../engine/client.js';
import type { TableData } from '../engine/protocol.js';
import { worksheetRows, type SheetLike } from '../../../packages/core/src/data/sheet.js';

/** `reason`: a text of the catalogue, shown in the language of the moment */
type LoadResult = { ok: true; table: TableData } | { ok: false; reason: MessageRef };

interface ExcelJSGlobal {
  Workbook: new () => { xlsx: { load(data: ArrayBuffer): Promise<unknown> }; worksheets: SheetLike[] };
}

let excel: Promise<ExcelJSGlobal> | undefined;
function loadExcelJs(): Promise<ExcelJSGlobal> {
  excel ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    // next to the page's own script (assets/), also when the page is opened from disk
    s.src = new URL('assets/exceljs.min.js', document.baseURI).href;
    s.onload = () => resolve((window as unknown as { ExcelJS: ExcelJSGlobal }).ExcelJS);
    s.onerror = () => {
      excel = undefined;
      reject(new Error('exceljs could not be loaded'));
    };
    document.head.append(s);
  });
  return excel;
}

async function readXlsx(engine: EngineClient, bytes: Uint8Array): Promise<LoadResult> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    return { ok: false, reason: text('ui.pg.file-not-xlsx', {}) };
  }
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (e) {
    return { ok: false, reason: text('ui.pg.file-bad-workbook', { detail: (e as Error).message }) };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, reason: text('ui.pg.file-no-sheet', {}) };
  const read = worksheetRows(ws);
  if (!read) return { ok: false, reason: text('ui.pg.file-empty-sheet', {}) };
  const table = await engine.call('cells', { header: read.header, rows: read.rows.map((r) => r.cells) });
  return { ok: true, table };
}

export async function loadFile(engine: EngineClient, name: string, bytes: Uint8Array): Promise<LoadResult> {
  if (/\.xls$/i.test(name)) return { ok: false, reason: text('ui.pg.file-xls', {}) };
  if (/\.(xlsx|xlsm)$/i.test(name)) return readXlsx(engine, bytes);
  return engine.call('parseCsv', { bytes, name });
}
