// A value per key, kept until its version changes (issue 11: work that depends only on data that
// rarely changes — the facility registry behind the dashboard's map — is done once per change,
// not once per request). The caller reads the version from the database on every use, so every
// app server sees a change on its very next request; nothing here expires by time.
// Concurrent misses for the same key and version share one computation, and a failed one is not
// kept (the next request tries again).

export type VersionedCache<V> = {
  get(key: string, version: string, compute: () => Promise<V>): Promise<V>;
  /** Entries held now (for tests and the benchmark). */
  size(): number;
  clear(): void;
};

export function versionedCache<V>(maxKeys = 16): VersionedCache<V> {
  const entries = new Map<string, { version: string; value: Promise<V> }>();
  return {
    get(key, version, compute) {
      const held = entries.get(key);
      if (held && held.version === version) return held.value;
      const value = compute();
      entries.delete(key);
      entries.set(key, { version, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      if (entries.size > maxKeys) entries.delete(entries.keys().next().value!);
      return value;
    },
    size: () => entries.size,
    clear: () => entries.clear(),
  };
}
