/**
 * Plan text in Markdown (hovers): every character Markdown gives a meaning is backslash-escaped, so a name
 * like `"[点此查看考核细则](https://…)"` shows as that text, never as a clickable link, an image, HTML, a
 * heading or emphasis (issue 13). Use it on everything that comes from the plan: names, descriptions,
 * units, rater names, the rule in words.
 */
export const mdText = (s: string): string =>
  s
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"':=$]/g, '\\$&')
    // line breaks would start a new block (a heading, a list): a name never spans lines
    .replace(/[\r\n\u2028\u2029]+/g, ' ');
