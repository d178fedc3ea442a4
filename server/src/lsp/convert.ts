// Engine results → LSP objects. Conversion happens here, once; nothing here computes.
import {
  CodeAction,
  CodeActionKind,
  type CodeLens,
  type Diagnostic,
  DiagnosticSeverity,
  type Hover,
  type InlayHint,
  InlayHintKind,
  MarkupKind,
  type TextEdit,
} from 'vscode-languageserver/node';
import { docsUrl } from '../engine/docs';
import type { Finding, Fix, Hint, HoverInfo, Lens, Severity } from '../engine/types';

export const SOURCE = 'oom-lens';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.oomLens`;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    source: SOURCE,
    message: f.message,
  };
}

export function toInlayHint(h: Hint): InlayHint {
  return {
    position: h.position,
    // A leading space keeps the hint off the text it follows; VS Code renders no padding by itself here.
    label: h.label,
    kind: InlayHintKind.Type,
    paddingLeft: true,
    tooltip: h.tooltip,
  };
}

export function toCodeLens(l: Lens): CodeLens {
  // A lens without a command is not rendered by VS Code: give it a no-op command carrying its title.
  return { range: l.range, command: { title: l.title, command: '' } };
}

export function toHover(h: HoverInfo): Hover {
  return { range: h.range, contents: { kind: MarkupKind.Markdown, value: h.markdown } };
}

export function toCodeAction(uri: string, fix: Fix, diagnostics: Diagnostic[] | undefined, kind: string = CodeActionKind.QuickFix): CodeAction {
  const edits: TextEdit[] = fix.edits;
  const action = CodeAction.create(fix.title, { changes: { [uri]: edits } }, kind);
  if (diagnostics && diagnostics.length) action.diagnostics = diagnostics;
  if (fix.isPreferred) action.isPreferred = true;
  return action;
}
