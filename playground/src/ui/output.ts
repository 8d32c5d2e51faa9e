/** The output tab: what the toolchain makes of the plan — its IR as JSON, or the compiled JavaScript module. */
import type { EngineClient } from '../engine/client.js';
import { $ } from './dom.js';

export const outputVisible = () => !$('[data-panel="output"]').hidden;

let seq = 0;
export async function renderOutput(engine: EngineClient, text: string): Promise<void> {
  if (!outputVisible()) return;
  const kind = $<HTMLSelectElement>('#output-kind').value === 'module' ? 'module' : 'ir';
  const mine = ++seq;
  const out = await engine.call('output', { text, kind }).catch((e: Error) => `// ${e.message}`);
  if (mine === seq) $('#output').textContent = out;
}
