/**
 * Offsets in a manifest's text to 1-based lines and columns (UTF-16 code units, as `Span`).
 */

import type { Span } from '../model/types.js';

/** Maps character offsets of one text to lines and columns. */
export class LineIndex {
  /** Offset at which each line starts; line n (1-based) starts at `starts[n - 1]`. */
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  /** 1-based line and column of `offset` (0-based). A `\r` before `\n` belongs to the line it ends. */
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }

  /** The span of `[start, end)`; `endColumn` is exclusive. */
  span(start: number, end: number): Span {
    const from = this.position(start);
    const to = this.position(end);
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  }
}
