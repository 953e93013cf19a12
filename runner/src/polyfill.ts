// The Restate SDK uses Promise.withResolvers (Node 22+); the studio's tooling runs on Node 20.19,
// so the runner supplies it rather than asking for another Node.
const P = Promise as unknown as { withResolvers?: () => unknown };
P.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
export {};
