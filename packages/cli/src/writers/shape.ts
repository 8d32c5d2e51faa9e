/** The report shape is the core's (one shape for the CLI and the playground): re-exported for the writers. */
export { shapeOf, columnsOf, cellOf, jsonRow, type ReportShape, type Lang, type Column, type ColumnKind } from '@kpi/core';
