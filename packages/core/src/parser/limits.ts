/** deepest parenthesised expression the parser accepts */
export const MAX_PAREN_DEPTH = 64;
/** deepest `{ }` nesting (groups in groups) the parser accepts */
export const MAX_BRACE_DEPTH = 32;
