/**
 * The playground's words in the chosen language. The texts live in the core's one catalogue (ids
 * `ui.pg.*`, packages/core/src/diagnostics/messages/playground.ts), beside the diagnostics: there is no
 * second table here, only the names the page's code uses for them.
 */
// the catalogue alone (not the whole core: the page's main thread has no parser or scorer)
import { render, ui, type ArgsOf, type MessageId } from '@kpi/core/diag';
import type { Lang, MessageRef } from '@kpi/core';
export type { Lang };

const plural = (n: number) => (n === 1 ? '' : 's');

function stringsIn(lang: Lang) {
  const u = <I extends MessageId>(id: I, args: ArgsOf<I>) => ui(id, args, lang);
  return {
    title: u('ui.pg.title', {}),
    example: u('ui.pg.example', {}),
    custom: u('ui.pg.custom', {}),
    share: u('ui.pg.share', {}),
    shared: u('ui.pg.shared', {}),
    sharedNoClipboard: u('ui.pg.shared-no-clipboard', {}),
    downloadPlan: u('ui.pg.download-plan', {}),
    downloadCsv: u('ui.pg.download-csv', {}),
    langToggle: u('ui.pg.lang-toggle', {}),
    editor: u('ui.pg.editor', {}),
    problems: u('ui.pg.problems', {}),
    noProblems: u('ui.pg.no-problems', {}),
    data: u('ui.pg.data', {}),
    addRow: u('ui.pg.add-row', {}),
    loadFile: u('ui.pg.load-file', {}),
    pasteHint: u('ui.pg.paste-hint', {}),
    fillTargets: u('ui.pg.fill-targets', {}),
    removeRow: u('ui.pg.remove-row', {}),
    total: u('ui.pg.total', {}),
    grade: u('ui.pg.grade', {}),
    coefficient: u('ui.pg.coefficient', {}),
    charts: u('ui.pg.charts', {}),
    chartsHint: u('ui.pg.charts-hint', {}),
    gradeDist: u('ui.pg.grade-dist', {}),
    explain: u('ui.pg.explain', {}),
    explainHint: u('ui.pg.explain-hint', {}),
    planErrors: u('ui.pg.plan-errors', {}),
    noPlan: u('ui.pg.no-plan', {}),
    rowError: u('ui.pg.row-error', {}),
    badLink: u('ui.pg.bad-link', {}),
    loaded: (n: number, name: string) => u('ui.pg.loaded', { n, name, s: plural(n) }),
    loadFailed: u('ui.pg.load-failed', {}),
    pasted: (n: number) => u('ui.pg.pasted', { n, s: plural(n) }),
    target: u('ui.pg.target', {}),
    cap: u('ui.pg.cap', {}),
    floor: u('ui.pg.floor', {}),
    derived: u('ui.pg.derived', {}),
    people: u('ui.pg.people', {}),
    copy: u('ui.pg.copy', {}),
    loadingEditor: u('ui.pg.loading-editor', {}),
    loadingEngine: u('ui.pg.loading-engine', {}),
    newPlan: u('ui.pg.new-plan', {}),
    reset: u('ui.pg.reset', {}),
    format: u('ui.pg.format', {}),
    formatted: u('ui.pg.formatted', {}),
    formatFailed: u('ui.pg.format-failed', {}),
    undo: u('ui.pg.undo', {}),
    redo: u('ui.pg.redo', {}),
    pin: u('ui.pg.pin', {}),
    unpin: u('ui.pg.unpin', {}),
    pinned: (n: number) => u('ui.pg.pinned', { n }),
    delta: u('ui.pg.delta', {}),
    tabProblems: u('ui.pg.tab-problems', {}),
    tabTests: u('ui.pg.tab-tests', {}),
    tabOutput: u('ui.pg.tab-output', {}),
    outIr: u('ui.pg.out-ir', {}),
    outModule: u('ui.pg.out-module', {}),
    counts: (e: number, w: number, i: number) =>
    [u('ui.pg.count-errors', { n: e, s: plural(e) }), u('ui.pg.count-warnings', { n: w, s: plural(w) }), u('ui.pg.count-infos', { n: i })].join(u('ui.pg.count-sep', {})),
    testsSummary: (p: number, f: number) => u('ui.pg.tests-summary', { p, f }),
    noTests: u('ui.pg.no-tests', {}),
    testsNotRun: u('ui.pg.tests-not-run', {}),
    expected: u('ui.pg.expected', {}),
    actual: u('ui.pg.actual', {}),
    passed: u('ui.pg.passed', {}),
    failed: u('ui.pg.failed', {}),
    saved: (t: string) => u('ui.pg.saved', { t }),
    unsaved: u('ui.pg.unsaved', {}),
    restored: u('ui.pg.restored', {}),
    resetDone: u('ui.pg.reset-done', {}),
    timeout: (ms: number) => u('ui.pg.timeout', { seconds: ms / 1000 }),
    provisional: u('ui.pg.provisional', {}),
    pasteTitle: u('ui.pg.paste-title', {}),
    pasteSummary: (rows: number, cols: number) => u('ui.pg.paste-summary', { rows, cols }),
    pasteHeader: u('ui.pg.paste-header', {}),
    pasteAppend: u('ui.pg.paste-append', {}),
    pasteReplace: u('ui.pg.paste-replace', {}),
    pasteUpdate: u('ui.pg.paste-update', {}),
    pasteCancel: u('ui.pg.paste-cancel', {}),
    pasteUnknown: u('ui.pg.paste-unknown', {}),
    pasteMissing: (cols: string) => u('ui.pg.paste-missing', { cols }),
    pasteColumn: u('ui.pg.paste-column', {}),
    pasteInto: u('ui.pg.paste-into', {}),
    pasteIgnore: u('ui.pg.paste-ignore', {}),
    pasteDone: (n: number) => u('ui.pg.paste-done', { n, s: plural(n) }),
    doc: u('ui.pg.doc', {}),
    rowNo: u('ui.pg.row-no', {}),
    closeDialog: u('ui.pg.close-dialog', {}),
    withDetail: (text: string, detail: string) => u('ui.pg.with-detail', { text, detail }),
    detailSep: u('ui.pg.detail-sep', {}),
    /** a text of the catalogue handed along (why a file or a link could not be read) */
    said: (ref: MessageRef) => render(ref, lang),
  };
}
export type Strings = ReturnType<typeof stringsIn>;

export const STRINGS: Record<Lang, Strings> = { zh: stringsIn('zh'), en: stringsIn('en') };
