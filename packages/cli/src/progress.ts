/** A progress line on stderr, only when stderr is a TTY and the run has taken more than a second. */
import { ui } from '@kpi/core/diag';
import type { Io } from './io.js';

/** what the line says is going on: a catalogue entry, in the run's language */
export type ProgressLabel = 'ui.progress.scoring' | 'ui.progress.checking-ids';

export class Progress {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;
  private readonly enabled: boolean;
  constructor(
    private readonly io: Io,
    private readonly label: ProgressLabel,
  ) {
    this.enabled = io.stderr.isTTY === true && !io.env.CI;
  }

  tick(rows: number, done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < 1000 || now - this.last < 200) return;
    this.last = now;
    this.shown = true;
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
    const width = 24;
    const filled = Math.round((pct / 100) * width);
    const rate = Math.round(rows / ((now - this.started) / 1000));
    const lang = this.io.lang ?? 'en';
    const counts = ui('ui.progress.rows', { rows: rows.toLocaleString('en-US'), rate: rate.toLocaleString('en-US') }, lang);
    this.io.stderr.write(`\r${ui(this.label, {}, lang)} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${pct}%  ${counts}\x1b[K`);
  }

  done(): void {
    if (this.shown) this.io.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
