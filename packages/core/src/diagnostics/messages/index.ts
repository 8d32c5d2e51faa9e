/**
 * All message templates, one table (the TypeScript compiler's diagnosticMessages.json, as code).
 * Code-level entries (`KPI0301`) carry the Chinese summary of the code; the code, severity, name and
 * English summary live in codes/*.ts. See template.ts for the placeholder syntax.
 */
import { SYNTAX_MESSAGES } from './syntax.js';
import { CHECK_MESSAGES } from './check.js';
import { DATA_MESSAGES } from './data.js';
import { RUN_MESSAGES } from './run.js';
import { CLI_MESSAGES } from './cli.js';
import { UI_MESSAGES } from './ui.js';
import { MONEY_MESSAGES } from './money.js';
import { SQL_MESSAGES } from './sql.js';
import { PLAYGROUND_MESSAGES } from './playground.js';
import { HELP_MESSAGES } from './help.js';
import type { Text } from '../lang.js';

export interface MessageTemplates {
  /** on a code's own entry: the Chinese twin of the catalogue's summary */
  summaryZh?: string;
  message: Text;
  help?: Text;
  fix?: Text;
}

type AllMessages = typeof SYNTAX_MESSAGES &
  typeof CHECK_MESSAGES &
  typeof DATA_MESSAGES &
  typeof RUN_MESSAGES &
  typeof CLI_MESSAGES &
  typeof UI_MESSAGES &
  typeof MONEY_MESSAGES &
  typeof SQL_MESSAGES &
  typeof PLAYGROUND_MESSAGES &
  typeof HELP_MESSAGES;

/**
 * The tables merged into one object without a prototype (as `{ ...a, ...b }` would, later entries winning). Built at
 * every start of every command: a spread gave each of the ~800 entries a step in V8's chain of hidden classes (2.6 ms
 * of a start, issue 14); an object without a prototype is a plain hash table from the first entry (0.1 ms), and an
 * id such as `toString` finds nothing in it.
 */
export const MESSAGES: AllMessages = Object.assign(
  Object.create(null) as object,
  SYNTAX_MESSAGES,
  CHECK_MESSAGES,
  DATA_MESSAGES,
  RUN_MESSAGES,
  CLI_MESSAGES,
  UI_MESSAGES,
  MONEY_MESSAGES,
  SQL_MESSAGES,
  PLAYGROUND_MESSAGES,
  HELP_MESSAGES,
) as AllMessages;

export type MessageId = keyof typeof MESSAGES;
/** ids that make a diagnostic: a code or a code with a variant */
export type DiagnosticId = Extract<MessageId, `KPI${string}`>;
/** every diagnostic code with texts in the catalogue, as a type */
export type Code = Extract<DiagnosticId, `KPI${number}`>;

export const MESSAGE_TABLE: Readonly<Record<string, MessageTemplates>> = MESSAGES;
