/** texts of the cli diagnostics — see messages/index.ts */
export const CLI_MESSAGES = {
} as const;
