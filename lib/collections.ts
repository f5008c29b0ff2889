// Small array helpers the collector and the alerts share (Node 20 has no Map.groupBy).

/** `items` in consecutive slices of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

/** `items` by `key`, each list in the items' order, keys in order of first appearance. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const grouped = new Map<K, T[]>();
  for (const item of items) {
    const list = grouped.get(key(item));
    if (list) list.push(item);
    else grouped.set(key(item), [item]);
  }
  return grouped;
}
