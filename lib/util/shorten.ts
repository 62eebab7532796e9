/** A value echoed in a message, cut to `max` characters so that a hostile or mistaken one cannot flood the page. */
export function shorten(text: string, max = 40): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
