/**
 * A progress bar for long work on stderr: redrawn in place on a terminal, and on anything else (CI
 * logs) one line per 10%, so logs stay readable. Nothing when there is nothing to show.
 */
export function progressBar(options: {
  label: string;
  write(text: string): void;
  isTty: boolean;
  width?: number;
}): { update(done: number, total: number): void; finish(): void } {
  const width = options.width ?? 28;
  let lastDecile = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (total <= 0) return;
      const share = Math.min(1, done / total);
      if (options.isTty) {
        const filled = Math.round(share * width);
        options.write(
          `\r${options.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`,
        );
        drawn = true;
        return;
      }
      const decile = Math.floor(share * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        options.write(`${options.label} ${done}/${total} (${decile * 10}%)\n`);
      }
    },
    finish() {
      if (drawn) options.write('\n');
    },
  };
}
