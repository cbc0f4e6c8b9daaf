/**
 * The demo's output: numbered steps, indented facts, a tick or a cross per check. Colour only
 * on a terminal that wants it (NO_COLOR, FORCE_COLOR and a non-TTY stdout are honoured), so a
 * log file or CI capture stays plain text.
 */

const wantsColour = (): boolean => {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
};

const colour = wantsColour();
const paint = (code: string) => (text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);

export const bold = paint('1');
export const dim = paint('2');
export const green = paint('32');
export const red = paint('31');
export const cyan = paint('36');
export const yellow = paint('33');

/** Prints a step's heading: `[3/8] Token refresh`. */
export function step(index: number, total: number, title: string): void {
  console.log(`\n${cyan(`[${index}/${total}]`)} ${bold(title)}`);
}

/** Prints one observation under the current step. */
export function fact(text: string): void {
  console.log(`      ${dim('·')} ${text}`);
}

/** Thrown by `check` when the demo's claim does not hold: the demo exits 1 naming it. */
export class DemoCheckFailed extends Error {
  override readonly name = 'DemoCheckFailed';
}

/** Prints a checked claim; a false claim stops the demo (it is also a smoke test). */
export function check(ok: boolean, claim: string): void {
  console.log(`      ${ok ? green('✓') : red('✗')} ${claim}`);
  if (!ok) throw new DemoCheckFailed(claim);
}
