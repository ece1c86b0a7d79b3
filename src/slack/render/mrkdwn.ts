// Text for Block Kit: Slack's three escaped characters, and cuts that respect field limits.

/** Escapes &, < and > so user data cannot form links, mentions or broadcasts in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to at most `max` characters, ending with an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // Do not leave half of an escaped entity or of a surrogate pair at the end.
  return `${cut.replace(/&[a-z]{0,3}$/, '').replace(/[\ud800-\udbff]$/, '')}…`;
}

/**
 * Splits text into pieces of at most `max` characters, at line breaks where it can, else at
 * spaces, else anywhere.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) {
      cut = max;
      // Never cut an escaped entity such as &amp; in two.
      const entityStart = rest.lastIndexOf('&', cut);
      if (entityStart > cut - 5 && !rest.slice(entityStart, cut).includes(';')) cut = entityStart;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

export function bold(text: string): string {
  return `*${text}*`;
}
