/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`.
 * `warning` for warnings, `notice` for infos. Properties and message are escaped as the runner expects
 * (%, CR, LF; plus `:` and `,` in properties). The help line follows the message on a new line.
 */
import type { Diagnostic } from '../types.js';
import type { Lang } from '../lang.js';
import { localizeAll, ui } from '../diag.js';
import type { SourceFile } from '../../source/span.js';
import { regionOf, sourceFor } from './positions.js';

export interface GithubOptions {
  /** language of messages and helps (default English) */
  lang?: Lang;
}

const escData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithub(diags: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, opts: GithubOptions = {}): string {
  const lang = opts.lang ?? 'en';
  return localizeAll(diags, lang)
    .map((d) => {
      const cmd = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const props: string[] = [];
      if (d.file) props.push(`file=${escProp(d.file)}`);
      const r = regionOf(sourceFor(d, sources), d.span);
      if (r) {
        // GitHub's endColumn is inclusive
        const endColumn = r.endLine === r.startLine ? Math.max(r.startColumn, r.endColumn - 1) : r.endColumn;
        props.push(`line=${r.startLine}`, `col=${r.startColumn}`, `endLine=${r.endLine}`, `endColumn=${endColumn}`);
      } else if (d.data?.row !== undefined) props.push(`line=${d.data.row}`);
      props.push(`title=${escProp(d.code)}`);
      const text = d.help ? `${d.message}\n${ui('ui.help', {}, lang)}: ${d.help}` : d.message;
      return `::${cmd} ${props.join(',')}::${escData(text)}\n`;
    })
    .join('');
}
