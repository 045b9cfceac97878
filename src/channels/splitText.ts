/**
 * Splits text into chunks of at most `max` characters for platforms with a message size limit,
 * breaking between sentences where possible, else between words, and only as a last resort
 * inside a word. Code points are counted, so Vietnamese letters and emoji are never cut in half.
 */
export function splitText(text: string, max: number): string[] {
  const length = (s: string) => [...s].length;
  if (length(text) <= max) return text.trim() ? [text] : [];
  // Sentences keep their end punctuation and the whitespace after it.
  const sentences = text.match(/[^.!?…\n]+(?:[.!?…]+|\n+|$)\s*/gu) ?? [text];
  const chunks: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) chunks.push(current.trim());
    current = '';
  };
  for (const sentence of sentences) {
    if (length(current) + length(sentence) <= max) {
      current += sentence;
      continue;
    }
    push();
    if (length(sentence) <= max) {
      current = sentence;
      continue;
    }
    for (const word of sentence.split(/(?<=\s)/u)) {
      if (length(current) + length(word) > max) push();
      if (length(word) <= max) {
        current += word;
        continue;
      }
      const points = [...word];
      for (let i = 0; i < points.length; i += max) {
        current = points.slice(i, i + max).join('');
        if (i + max < points.length) push();
      }
    }
  }
  push();
  return chunks;
}

/**
 * Shortens a button title to `max` characters without cutting a word where possible, marking the
 * cut with an ellipsis.
 */
export function shortenTitle(title: string, max: number): string {
  const points = [...title.trim()];
  if (points.length <= max) return points.join('');
  const room = points.slice(0, max - 1).join('');
  // When the cut already falls between two words, keep every word that fits.
  if (/\s/u.test(points[max - 1] ?? '')) return `${room.trimEnd()}…`;
  const lastSpace = room.lastIndexOf(' ');
  return `${(lastSpace >= max / 2 ? room.slice(0, lastSpace) : room).trimEnd()}…`;
}

/** "1. First\n2. Second": the choices as text, for channels or counts that cannot show buttons. */
export function numberedList(titles: readonly string[]): string {
  return titles.map((title, index) => `${index + 1}. ${title}`).join('\n');
}

/**
 * Fits choices to a platform's button limit: when there are more than `limit`, the text also lists
 * every choice by number (the person can answer with the number) and the first `limit` stay
 * buttons, so the most used options remain one tap away.
 */
export function fitChoices<T extends { title?: unknown; value?: unknown }>(text: string, choices: readonly T[], limit: number): { text: string; buttons: readonly T[] } {
  if (choices.length <= limit) return { text, buttons: choices };
  return { text: `${text}\n\n${numberedList(choices.map((choice) => String(choice.title ?? choice.value)))}`, buttons: choices.slice(0, limit) };
}
