/**
 * After an agent's code is compiled, no more code may be made from strings: eval, the Function
 * constructor and the constructors of async and generator functions all throw `sentence`. The
 * browser sandbox calls this directly; the QuickJS host injects its source text (it is
 * self-contained for that: it reads only its parameters), so both refuse in the same words.
 */
export function lockCodeGeneration(global: object, sentence: string): void {
  const refuse = function Function(): never {
    throw new Error(sentence);
  };
  const plain = function () {};
  // Keep `x instanceof Function` true for ordinary functions.
  Object.defineProperty(refuse, 'prototype', { value: Object.getPrototypeOf(plain) as object });
  const samples = [plain, async function () {}, function* () {}, async function* () {}];
  for (const sample of samples) {
    Object.defineProperty(Object.getPrototypeOf(sample) as object, 'constructor', {
      value: refuse,
      writable: false,
      configurable: false,
    });
  }
  Object.defineProperty(global, 'Function', { value: refuse, writable: false, configurable: false });
  Object.defineProperty(global, 'eval', {
    get() {
      throw new Error(sentence);
    },
    configurable: false,
    enumerable: false,
  });
}
