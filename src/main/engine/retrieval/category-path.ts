/** The separator of the catalogue's category paths ("Beauty > Skin Care > Serums"). */
export const CATEGORY_SEPARATOR = ' > ';

/** A category and every node above it: "A > B > C" -> ["A", "A > B", "A > B > C"]. */
export function categoryNodes(category: string | null | undefined): string[] {
  if (!category) return [];
  const parts = category.split(CATEGORY_SEPARATOR).map((p) => p.trim());
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) if (parts[i] !== '') out.push(parts.slice(0, i + 1).join(CATEGORY_SEPARATOR));
  return out;
}
