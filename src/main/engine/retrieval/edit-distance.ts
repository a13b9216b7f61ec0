/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, "Damerau" as
 * spell checkers use it), with an early exit once every path costs more than `max`.
 * Works on code points, so "café" is four letters.
 */
export function editDistanceWithin(a: string, b: string, max: number): number | undefined {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return undefined;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return undefined;
    prev2 = prev;
    prev = row;
  }
  const d = prev[t.length]!;
  return d <= max ? d : undefined;
}

/** How many edits a typed word may be from a catalogue word: none below 4 letters, 1 for 4–7, 2 from 8. */
export function allowedEdits(word: string): number {
  const n = [...word].length;
  return n >= 8 ? 2 : n >= 4 ? 1 : 0;
}
