/** texts of the check diagnostics — see messages/index.ts */
export const CHECK_MESSAGES = {
} as const;
