/** texts of the run diagnostics — see messages/index.ts */
export const RUN_MESSAGES = {
} as const;
