/**
 * `--lang zh|en` on every command, and the language when it is not given: KPI_LANG, then LC_ALL /
 * LANG (zh_* → zh). Read from argv before commander runs, so errors raised while parsing the command
 * line (a missing file, a bad option) are already in the chosen language and format.
 */
import { Option } from 'commander';
import { langFromEnv, langOf, type Lang } from '@kpi/core/lang';
import { ui } from '@kpi/core/diag';
import { DIAGNOSTIC_FORMATS, type DiagnosticFormat } from '@kpi/core/render';

/** `--lang`, its help in the run's language `lang`: `what` it changes (the catalogue's text), then where its default comes from */
export const langOption = (lang: Lang, what: string = ui('cli-help.lang', {}, lang)): Option =>
  new Option('--lang <lang>', ui('cli-help.lang.default', { what }, lang)).choices(['zh', 'en']);

/** the value of `--NAME X` / `--NAME=X` (or `-S X`) in argv, last one wins */
function optionValue(argv: readonly string[], long: string, short?: string): string | undefined {
  let v: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === long || (short && a === short)) v = argv[i + 1];
    else if (a.startsWith(long + '=')) v = a.slice(long.length + 1);
  }
  return v;
}

/**
 * argv with a `--lang X` / `--lang=X` written before the command (`kpi --lang zh check plan.kpi`, as git and npm
 * take their global options) moved to just after the command name, where every command reads its own `--lang`
 * (score, explain and solve change their output language with it). Anything else is left as written.
 */
export function langAfterCommand(argv: readonly string[]): string[] {
  const out = argv.slice(0, 2);
  const moved: string[] = [];
  let i = 2;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang' && i + 1 < argv.length) moved.push(a, argv[++i]!);
    else if (a.startsWith('--lang=')) moved.push(a);
    else break;
  }
  // no command after them (`kpi --lang zh`, `kpi --lang zh --help`): the program's own --lang takes them
  if (moved.length === 0 || i >= argv.length || argv[i]!.startsWith('-')) return [...argv];
  return [...out, argv[i]!, ...moved, ...argv.slice(i + 1)];
}

/** the language of this run: `--lang`, else the environment, else `fallback` */
export function langOfRun(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: Lang = 'en'): Lang {
  return langOf(optionValue(argv, '--lang')) ?? langFromEnv(env, fallback);
}

/** the language a command uses when `--lang` is not given; score and explain wrote Chinese before, and still do */
export function commandLang(opt: string | undefined, env: NodeJS.ProcessEnv, fallback: Lang): Lang {
  return langOf(opt) ?? langFromEnv(env, fallback);
}

/**
 * The diagnostics format of this run when it is a machine format (`kpi check --format json`,
 * `kpi test --format junit`): errors of the command line itself are then printed in it, on stdout.
 */
export function machineFormatOfRun(argv: readonly string[]): Exclude<DiagnosticFormat, 'terminal'> | undefined {
  const command = argv.slice(2).find((a) => !a.startsWith('-'));
  if (command !== 'check' && command !== 'test') return undefined;
  const f = optionValue(argv, '--format', '-f');
  return f && f !== 'terminal' && (DIAGNOSTIC_FORMATS as readonly string[]).includes(f) ? (f as Exclude<DiagnosticFormat, 'terminal'>) : undefined;
}
