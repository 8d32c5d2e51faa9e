/** A progress line on stderr, only when stderr is a TTY and the run has taken more than a second. */
import type { Io } from './io.js';

export class Progress {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;
  private readonly enabled: boolean;
  constructor(
    private readonly io: Io,
    private readonly label: string,
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
    this.io.stderr.write(
      `\r${this.label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${pct}%  ${rows.toLocaleString('en-US')} rows  ${rate.toLocaleString('en-US')} rows/s\x1b[K`,
    );
  }

  done(): void {
    if (this.shown) this.io.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
