/** Moves the console to another page (its hash route), as the navigation bar does. */
export function goToPage(id: string): void {
  window.location.hash = `/${id}`;
}
