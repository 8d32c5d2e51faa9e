/**
 * The results table of "Score this plan against a CSV": `kpi score --format json` rows as an HTML page
 * for a webview. Every text from the plan or the data is escaped; the page runs no script (its CSP
 * forbids any). No `vscode` import, so it is tested in Node.
 */

/** one row as `kpi score --format json` prints it */
export interface ScoreRow {
  id: string;
  total: number | null;
  grade: string | null;
  coefficient: number | null;
  bonus?: number;
  vetoes?: string[];
  indicators: Record<string, { score: number; weight: number; weighted: number; actual: number | null }>;
  errors?: { code: string; message: string; column?: string; value?: string }[];
  [kept: string]: unknown;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

const num = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

export interface ResultsPage {
  plan: string;
  data: string;
  rows: ScoreRow[];
  lang: 'zh' | 'en';
}

export function resultsHtml({ plan, data, rows, lang }: ResultsPage): string {
  const t =
    lang === 'zh'
      ? { title: '评分结果', id: '工号', total: '总分', grade: '等级', coef: '绩效系数', bonus: '加分', veto: '否决', score: '得分', errors: '数据错误', rows: '行' }
      : { title: 'Scores', id: 'id', total: 'total', grade: 'grade', coef: 'coefficient', bonus: 'bonus', veto: 'veto', score: 'score', errors: 'data errors', rows: 'rows' };
  const indicators: string[] = [];
  for (const r of rows) for (const k of Object.keys(r.indicators ?? {})) if (!indicators.includes(k)) indicators.push(k);
  const hasBonus = rows.some((r) => (r.bonus ?? 0) !== 0);
  const hasVeto = rows.some((r) => (r.vetoes ?? []).length > 0);
  const hasErrors = rows.some((r) => (r.errors ?? []).length > 0);
  const head = [t.id, t.total, t.grade, t.coef, ...(hasBonus ? [t.bonus] : []), ...(hasVeto ? [t.veto] : []), ...indicators.map((n) => `${n} ${t.score}`), ...(hasErrors ? [t.errors] : [])];
  const body = rows.map((r) => {
    const cells: [string, boolean][] = [
      [r.id, false],
      [num(r.total), true],
      [r.grade ?? '', false],
      [num(r.coefficient), true],
      ...(hasBonus ? [[num(r.bonus), true] as [string, boolean]] : []),
      ...(hasVeto ? [[(r.vetoes ?? []).join(', '), false] as [string, boolean]] : []),
      ...indicators.map((n): [string, boolean] => [num(r.indicators?.[n]?.score), true]),
      ...(hasErrors ? [[(r.errors ?? []).map((e) => `${e.code} ${e.message}`).join('; '), false] as [string, boolean]] : []),
    ];
    const cls = (r.errors ?? []).length ? ' class="error"' : '';
    return `<tr${cls}>${cells.map(([v, n]) => `<td${n ? ' class="n"' : ''}>${escapeHtml(v)}</td>`).join('')}</tr>`;
  });
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<title>${escapeHtml(t.title)}</title>
<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
  table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th, td { padding: 2px 10px; border-bottom: 1px solid var(--vscode-panel-border, #8884); text-align: left; white-space: nowrap; }
  td.n { text-align: right; }
  th { position: sticky; top: 0; background: var(--vscode-editor-background); }
  tr.error td { color: var(--vscode-errorForeground, #c00); }
  .meta { opacity: 0.8; margin-bottom: 0.6em; }
</style>
</head>
<body>
<h2>${escapeHtml(t.title)}</h2>
<div class="meta">${escapeHtml(plan)} · ${escapeHtml(data)} · ${rows.length} ${escapeHtml(t.rows)}</div>
<table>
<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
