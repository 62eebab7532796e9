/**
 * Resolves on a later task, once every promise callback queued before it has run. A thread that shares
 * work with helpers awaits it before computing its own part synchronously: the helpers' requests, sent
 * from promise callbacks, go out first, and their parts run while this thread computes its own.
 */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
