/**
 * "Score this plan against a CSV" without the editor: run `kpi score PLAN --data FILE --format json`
 * and turn its outcome into a results page or a message. No `vscode` import, so it is tested in Node.
 */
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { resultsHtml, type ScoreRow } from './results';

/** how to run `kpi ARGS`: `file` with `prefix` arguments first (node + the bundled CLI, or a kpi command) */
export interface KpiCommand {
  file: string;
  prefix: string[];
  env: NodeJS.ProcessEnv;
}

export type ScoreOutcome =
  | { ok: true; rows: ScoreRow[]; html: string; title: string; warnings: string }
  | { ok: false; message: string; details: string };

export function scorePlan(kpi: KpiCommand, planPath: string, dataPath: string, lang: 'zh' | 'en'): Promise<ScoreOutcome> {
  const args = [...kpi.prefix, 'score', planPath, '--data', dataPath, '--format', 'json', '--lang', lang];
  return new Promise((resolve) => {
    execFile(
      kpi.file,
      args,
      { cwd: dirname(planPath), env: { ...kpi.env, NO_COLOR: '1' }, maxBuffer: 512 * 1024 * 1024, windowsHide: true },
      (err, stdout, stderr) => {
        if (err) {
          const details = stderr || stdout || err.message;
          // the CLI's first line says what is wrong (`file:line:col error KPI…` or `error: …`)
          const first = details.split('\n').find((l) => l.trim()) ?? err.message;
          resolve({ ok: false, message: `${lang === 'zh' ? '评分失败' : 'Scoring failed'}: ${first.trim()}`, details });
          return;
        }
        let rows: ScoreRow[];
        try {
          rows = JSON.parse(stdout) as ScoreRow[];
        } catch {
          resolve({ ok: false, message: lang === 'zh' ? 'kpi score 的输出不是 JSON' : 'kpi score did not print JSON', details: stdout.slice(0, 2000) });
          return;
        }
        const plan = basename(planPath);
        const data = basename(dataPath);
        resolve({ ok: true, rows, html: resultsHtml({ plan, data, rows, lang }), title: `${plan} · ${data}`, warnings: stderr });
      },
    );
  });
}
