/** texts of the data diagnostics — see messages/index.ts */
export const DATA_MESSAGES = {
} as const;
