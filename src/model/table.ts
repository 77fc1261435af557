/**
 * Lookup tables keyed by names read from inputs (resource types, protocols, options, hooks). A table
 * written as an object literal inherits Object.prototype's members: looked up by a name such as
 * "constructor" or "toString", which an input may hold, it would answer with a function. A table
 * made here has no prototype, so any name it does not list is undefined, and it is frozen.
 */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
