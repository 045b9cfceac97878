/** One clause (khoản) of an article: a numbered line with its lettered points (điểm). */
export interface ArticleClause {
  /** The clause number; undefined for the lines before the first clause, or an unnumbered article. */
  readonly number?: number;
  readonly text: string;
}

const CLAUSE_START = /^(\d+)\.\s/;

/** Splits an article's text into its clauses; an article without numbered clauses is one part. */
export function splitClauses(text: string): ArticleClause[] {
  const clauses: { number?: number; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    const start = CLAUSE_START.exec(line);
    const current = clauses.at(-1);
    if (start || !current) clauses.push({ number: start ? Number(start[1]) : undefined, lines: [line] });
    else current.lines.push(line);
  }
  return clauses.map(({ number, lines }) => ({ number, text: lines.join('\n') }));
}

/**
 * Cuts a text to at most `maxChars`, at the end of a line or sentence when one is near, with "…".
 */
export function shorten(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const boundary = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('; '), cut.lastIndexOf('. '));
  return `${(boundary > maxChars / 2 ? cut.slice(0, boundary + 1) : cut).trimEnd()}…`;
}

/**
 * The clause of an article that best answers a question, scored by `relevance` (the caller's
 * measure, e.g. the weight of the question's words it contains); the first clause wins ties.
 */
export function bestClause(text: string, relevance: (clauseText: string) => number): ArticleClause {
  const clauses = splitClauses(text);
  let best = clauses[0] ?? { text };
  let bestScore = -Infinity;
  for (const clause of clauses) {
    const score = relevance(clause.text);
    if (score > bestScore) {
      best = clause;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Splits a long text into messages of at most `maxChars`, at line breaks where possible (channels
 * cap a message: Messenger at 2,000 characters).
 */
export function splitMessage(text: string, maxChars: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= maxChars) {
      current = candidate;
      continue;
    }
    if (current) parts.push(current);
    let rest = line;
    while (rest.length > maxChars) {
      const cut = rest.lastIndexOf(' ', maxChars);
      const at = cut > maxChars / 2 ? cut : maxChars;
      parts.push(rest.slice(0, at));
      rest = rest.slice(at).trimStart();
    }
    current = rest;
  }
  if (current) parts.push(current);
  return parts;
}
