/** The model or its card failed a check (hash, pin, self-test, lever direction): figures are withheld. */
export class ModelVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelVerificationError';
  }
}
