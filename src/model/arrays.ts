/**
 * Appends every item of `items` to `target`, in order. `target.push(...items)` passes each item as
 * an argument, which overflows the stack past some hundred thousand: lists that grow with the input
 * (resources, problems) are appended with this.
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const x of items) target.push(x);
}
