/** Segment names as typed in a box ("vip, DE mobile"): split on commas and spaces, lower-cased, each once. The engine validates them. */
export function parseSegments(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter((s) => s !== ''))];
}
