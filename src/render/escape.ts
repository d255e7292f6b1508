/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Serialises data as JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` become
 * `\u003c`, `\u003e`, `\u0026`, so no string from the analysed repository can close the element (`</script>`)
 * or open a comment (`<!--`) that changes how the HTML parser reads the rest of the script. U+2028 and U+2029
 * are escaped as well, so the text stays valid if a reader ever evaluates it as JavaScript.
 * `JSON.parse` of the element's text gives back the original data unchanged.
 */
export function scriptSafeJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Makes third-party script text safe to inline in a `<script>` element: the HTML parser ends a script at
 * `</script` and treats `<!--` … `<script` specially. Both are rewritten with the `\x3C` escape, which means
 * `<` in JavaScript strings, template literals and regular expressions alike — the only places minified code
 * can contain them.
 */
export function inlineScriptText(source: string): string {
  return source
    .replace(/<\/(script)/gi, '\\x3C/$1')
    .replace(/<!--/g, '\\x3C!--')
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '');
}
