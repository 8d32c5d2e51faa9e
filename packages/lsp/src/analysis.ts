/**
 * One analysis per document version: parse + check (the same `analyze` as `kpi check`, so the same
 * codes), and the name index built lazily from it. Every request on a version reuses it; an edit makes
 * a new one only when something asks (diagnostics after the debounce, or a hover on the new text).
 */
import { analyze, type Diagnostic, type Plan, type PlanFile } from '@kpi/core';
import { indexAt, type PlanIndex } from '@kpi/language-service';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface Analysis {
  uri: string;
  version: number;
  text: string;
  file: PlanFile;
  diagnostics: Diagnostic[];
  /** the name index of the plan containing `offset` (built on first use, kept for this version) */
  indexAt(offset: number): PlanIndex | undefined;
}

/** the file name diagnostics carry: the URI's last path segment (`店长.kpi`) */
export function fileNameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || 'plan.kpi';
  } catch {
    return last || 'plan.kpi';
  }
}

export class AnalysisCache {
  private readonly byUri = new Map<string, Analysis>();

  get(doc: TextDocument): Analysis {
    const hit = this.byUri.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const text = doc.getText();
    const a = analyze(fileNameOf(doc.uri), text);
    const indexes = new WeakMap<Plan, PlanIndex>();
    const analysis: Analysis = {
      uri: doc.uri,
      version: doc.version,
      text,
      file: a.file,
      diagnostics: a.diagnostics,
      indexAt: (offset) => indexAt(a.file, offset, indexes),
    };
    this.byUri.set(doc.uri, analysis);
    return analysis;
  }

  /** the cached analysis whatever its version (for a document being edited, the last one made) */
  peek(uri: string): Analysis | undefined {
    return this.byUri.get(uri);
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }
}
