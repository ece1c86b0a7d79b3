// Name normalisation and fuzzy comparison, shared by lookups, imports and uniqueness rules.

/**
 * Normalises a name for comparison: lower case, accents removed, punctuation turned into
 * spaces, spaces collapsed. "Société Générale ", "societe generale" and "SOCIETE-GENERALE"
 * all become "societe generale".
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Normalises an e-mail address: trimmed and lower-cased, or null when it is not one. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  if (!value || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return null;
  return value;
}

/**
 * Restricted Damerau-Levenshtein distance: insertions, deletions, substitutions and swaps of
 * two neighbouring characters each cost 1. Stops early and returns max + 1 past `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previousPrevious[j - 2]! + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Number of typos tolerated in a normalised name of this length: none under 5 characters
 * (too many short names are one edit apart), one up to 10, two beyond.
 */
export function typoBudget(normalized: string): number {
  if (normalized.length < 5) return 0;
  return normalized.length <= 10 ? 1 : 2;
}

/**
 * Whether two normalised names differ by no more than a small typo. Names whose digits differ
 * ("Company 0002" and "Company 0001", "Lot 7" and "Lot 8") are different names, never a typo.
 */
export function isSmallTypo(query: string, candidate: string): boolean {
  const budget = typoBudget(query);
  if (query.replace(/\D/g, '') !== candidate.replace(/\D/g, '')) return false;
  return budget > 0 && editDistance(query, candidate, budget) <= budget;
}
