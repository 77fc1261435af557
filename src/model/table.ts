/**
 * Lookup tables keyed by names read from inputs (resource types, protocols, options, hooks). A table
 * written as an object literal inherits Object.prototype's members: looked up by a name such as
 * "constructor" or "toString", which an input may hold, it would answer with a function. A table
 * made here inherits nothing, so any name it does not list is undefined, and it is frozen. It is an
 * instance of a constructor whose prototype is an empty null-prototype object rather than an
 * Object.create(null) object, which V8 keeps as a hash table: lookups stay on its fast path (as the
 * model's objects do, model/value.ts).
 */
const Table = function Table() {} as unknown as { new (): object; prototype: object };
Table.prototype = Object.freeze(Object.create(null) as object);

export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(new Table() as Record<string, T>, entries));
}
