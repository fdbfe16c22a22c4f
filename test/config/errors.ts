/** The message of the error a call throws, which must be of the expected class. */
export function errorMessage(expected: abstract new (...args: never[]) => Error, run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof expected) return error.message;
    throw error;
  }
  throw new Error(`expected a ${expected.name}`);
}
