/**
 * An attachment for a message that just appeared in answer to the admin's click (an error, a
 * result): brought into view and focused, so it is seen where the admin is looking and read out.
 */
export function reveal(node: HTMLElement): void {
  node.scrollIntoView({ block: 'nearest' });
  node.focus({ preventScroll: true });
}
