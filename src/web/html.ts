/**
 * HTML built from templates whose every interpolated value is escaped unless it is itself built
 * HTML, so a repository name, ref, commit or message can never become markup (reference §8.1
 * S2: the original's reports and pages were open to stored XSS).
 */
import { escapeHtml, scriptSafeJson } from '../render/escape.js';

/** Markup that is already safe: the result of `html` or `jsonScript`. */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** A value a template accepts: text (escaped), numbers, built HTML, lists of these; null, undefined and false render nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name` and returns built HTML. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(text);
}

/** `<script type="application/json" id="…">` holding `data`, safe against `</script>` in any string. */
export function jsonScript(id: string, data: unknown): SafeHtml {
  return html`<script type="application/json" id="${id}">
    ${new SafeHtml(scriptSafeJson(data))}
  </script>`;
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map((item: HtmlValue) => render(item)).join('');
  return escapeHtml(String(value));
}
