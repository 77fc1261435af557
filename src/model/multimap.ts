/** Maps from a key to a list, grown in place (a copy per addition would make grouping quadratic). */

/** Appends the values to the key's list, creating it on first use. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}
