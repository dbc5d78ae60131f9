/*
 * A frame that a watch redraws in place on a terminal: the cursor goes back
 * over the lines the last frame took (wrapped lines count once per row) and
 * erases them. Elsewhere (a pipe, a log) each frame is appended, so nothing is
 * lost and no control characters end up in a file.
 */
import type { Output } from './context';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

export class Screen {
  private rows = 0;

  constructor(private readonly out: Output) {}

  public draw(frame: string): void {
    const text = frame.endsWith('\n') ? frame : `${frame}\n`;
    if (!this.out.isTTY) {
      this.out.write(this.rows > 0 ? `\n${text}` : text);
      this.rows = 1;
      return;
    }
    // CSI n F: to the start of the line n rows up; CSI 0 J: erase to the end of the screen.
    const erase = this.rows > 0 ? `\x1b[${this.rows}F\x1b[0J` : '';
    this.out.write(erase + text);
    this.rows = rowsOf(text, this.out.columns);
  }
}

/** The terminal rows a text takes at this width. */
export function rowsOf(text: string, columns = 80): number {
  const lines = text.replace(/\n$/, '').split('\n');
  return lines.reduce((n, line) => n + Math.max(1, Math.ceil(line.replace(ANSI, '').length / Math.max(1, columns))), 0);
}
