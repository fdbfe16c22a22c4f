/**
 * Progress on stderr (a spinner), only on a TTY and without --quiet. ora is loaded only then.
 */
export interface Progress {
  update(text: string): void;
  stop(): void;
}

export async function createProgress(stream: NodeJS.WritableStream): Promise<Progress> {
  const { default: ora } = await import("ora");
  const spinner = ora({ stream, text: "archlint" }).start();
  let stopped = false;
  return {
    update(text) {
      if (!stopped) spinner.text = text;
    },
    stop() {
      if (!stopped) {
        stopped = true;
        spinner.stop();
      }
    },
  };
}
