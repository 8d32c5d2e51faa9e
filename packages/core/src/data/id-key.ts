/**
 * When two ids are the same person (issue 13): `S001` and `S001` + a zero-width space, or the full-width
 * `Ｓ００１`, look identical on screen and in Excel but were scored as two people. Ids are compared after
 * Unicode NFKC (full-width letters and digits → ASCII, compatibility forms folded) with the invisible
 * (default-ignorable) characters removed: zero-width spaces and joiners, BOMs, soft hyphens, bidi marks,
 * variation selectors. The id a report shows stays exactly as written.
 */
/** printable ASCII: NFKC leaves it as it is and it holds no default-ignorable character (the common id, and
 * the fast path of a million-row `kpi score`: normalize() per row was ~5% of its CPU) */
const ASCII = /^[\x20-\x7e]*$/;

export const idKey = (id: string): string => (ASCII.test(id) ? id.trim() : id.normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '').trim());

/** true when `id` holds characters that `idKey` folds or removes (so two different-looking ids may be one) */
export const idHasLookalikes = (id: string): boolean => idKey(id) !== id.trim();
