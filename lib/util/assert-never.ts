/**
 * The default branch of a switch over a union: the compiler refuses the call while a member is left
 * unhandled, and at run time a message of an unknown kind (a newer worker, a bad peer) is an error.
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected ${JSON.stringify(value)}`);
}
