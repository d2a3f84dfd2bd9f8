// Freezes the JavaScript intrinsics at start-up, so that a prototype-pollution bug anywhere (ours or
// a dependency's) cannot change how every object in the process behaves: a write to
// Object.prototype then fails (TypeError in strict code) instead of taking effect (issue 18,
// finding 1). Called first thing by server.ts and by each scoring worker.
//
// A frozen prototype's data properties cannot be shadowed by assignment on objects inheriting them
// ("the override mistake": `P.toString = f` on a plain object throws), which libraries do
// routinely (decimal.js inside Prisma, for one). As SES does, the properties commonly overridden
// become accessors first: reading gives the original, assigning on an inheriting object defines
// the object's own property, and assigning on the prototype itself still fails.

// Not the Error family nor Date: Next's server installs its own inspector on Error.prototype
// (next/dist/server/patch-error-inspect.js) and its own Date as Date.prototype.constructor
// (node-environment-extensions/date.js) when it starts, which frozen prototypes refuse. Nor RegExp:
// V8 runs exec, replace, match and split on its fast path only while RegExp.prototype keeps its
// initial shape; frozen, every regex in the detectors ran 12-16x slower.
const INTRINSICS: { prototype: object }[] = [
  Object,
  Function,
  Array,
  String,
  Number,
  Boolean,
  Symbol,
  BigInt,
  Promise,
  Map,
  Set,
  WeakMap,
  WeakSet,
  ArrayBuffer,
  DataView,
  Object.getPrototypeOf(Uint8Array) as { prototype: object },
];

/** Names libraries assign on their own objects and prototypes (SES's "moderate" override taming, trimmed). */
const OVERRIDABLE = [
  "constructor",
  "toString",
  "valueOf",
  "toLocaleString",
  "toJSON",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "name",
  "message",
  "stack",
  "then",
  "catch",
  "finally",
];

/** Makes a data property a non-configurable accessor: reads give the value, assigning on an inheriting object defines its own property, assigning on `target` itself fails. */
function tameProperty(target: object, name: string) {
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  if (!descriptor || !("value" in descriptor) || !descriptor.configurable) return;
  const { value } = descriptor;
  Object.defineProperty(target, name, {
    get() {
      return value;
    },
    set(this: object, replacement: unknown) {
      if (this === target) throw new TypeError(`Cannot assign to read only property '${name}' of a frozen intrinsic`);
      Object.defineProperty(this, name, { value: replacement, writable: true, enumerable: true, configurable: true });
    },
    enumerable: descriptor.enumerable,
    configurable: false,
  });
}

function tameOverrides(target: object) {
  for (const name of OVERRIDABLE) tameProperty(target, name);
}

/**
 * Object.prototype is locked rather than frozen: no property can be added (non-extensible), and
 * every own property becomes a non-configurable accessor whose setter refuses the prototype itself,
 * so none can be replaced or deleted either. Frozen outright, its read-only data properties made
 * V8 check the whole prototype chain on every property added to any object: ingest ran 7-10%
 * slower in the benchmark. Locked, it runs as fast as before.
 */
function lockObjectPrototype() {
  const target = Object.prototype;
  for (const name of Object.getOwnPropertyNames(target)) {
    tameProperty(target, name);
    // Accessors such as __proto__ stay as they are, but can no longer be redefined or deleted.
    if (Object.getOwnPropertyDescriptor(target, name)!.configurable)
      Object.defineProperty(target, name, { configurable: false });
  }
  Object.preventExtensions(target);
}

/** Object.prototype as lockObjectPrototype leaves it: nothing can be added, replaced or deleted. */
export function isLocked(target: object): boolean {
  return (
    !Object.isExtensible(target) &&
    Object.getOwnPropertyNames(target).every((name) => !Object.getOwnPropertyDescriptor(target, name)!.configurable)
  );
}

let frozen = false;

export function freezeIntrinsics() {
  if (frozen) return;
  frozen = true;
  // Only Object.prototype's and Function.prototype's properties are what other objects (a
  // library's own prototypes and functions) inherit and assign over. Accessors on the others
  // would also switch off V8's fast paths: Array.prototype.constructor as an accessor sends every
  // map/filter/slice through the species slow path (5x slower measured), Promise.prototype's
  // constructor and then every await.
  // (Object.prototype's are all tamed by lockObjectPrototype.)
  tameOverrides(Function.prototype);
  for (const intrinsic of INTRINSICS) if (intrinsic !== Object) Object.freeze(intrinsic.prototype);
  lockObjectPrototype();
  Object.freeze(Object);
  Object.freeze(Function);
}
