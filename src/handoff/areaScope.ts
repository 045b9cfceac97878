/**
 * Which areas someone may see. Area codes are hierarchical strings, parent first, joined by `/`
 * (the area catalog in content/areas: `ha-noi`, `ha-noi/ba-dinh`, `ha-noi/ba-dinh/...`) or by dots
 * (official numeric codes, `79.26734`). Vietnam has had two levels since 2025; the optional former
 * district level in between is covered by the same prefix rule.
 */
export type AreaScope = { readonly all: true } | { readonly all?: false; readonly codes: readonly string[] };

/** True when `code` is `parent` or lies under it. */
export function isWithinArea(code: string, parent: string): boolean {
  return code === parent || code.startsWith(`${parent}.`) || code.startsWith(`${parent}/`);
}

/**
 * True when a conversation of `areaCode` is visible in `scope`. A conversation with no area (the
 * person has not said where they live) is open to every counselor: nobody asking for help may be
 * invisible to all of them.
 */
export function scopeIncludes(scope: AreaScope, areaCode: string | null): boolean {
  if (scope.all || areaCode === null) return true;
  return scope.codes.some((parent) => isWithinArea(areaCode, parent));
}

/**
 * A SQL condition on `column` for a scope, with its parameters numbered from `firstParam`.
 * @param options.unknownArea - whether rows without an area match (default true, as in
 *   {@link scopeIncludes}); statistics pass false, since such rows belong to no one's province.
 * @returns the condition and the values to append to the query's parameters.
 */
export function scopeCondition(scope: AreaScope, column: string, firstParam: number, options: { unknownArea?: boolean } = {}): { sql: string; params: unknown[] } {
  if (scope.all) return { sql: 'TRUE', params: [] };
  // Children of either spelling: numeric codes with dots, catalog slugs with slashes.
  const escaped = scope.codes.flatMap((code) => ['.', '/'].map((separator) => `${code.replace(/[\\%_]/g, (c) => `\\${c}`)}${separator}%`));
  const unknown = (options.unknownArea ?? true) ? `${column} IS NULL OR ` : '';
  return {
    sql: `(${unknown}${column} = ANY($${firstParam}::text[]) OR ${column} LIKE ANY($${firstParam + 1}::text[]))`,
    params: [[...scope.codes], escaped],
  };
}
