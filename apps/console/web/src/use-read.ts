import { useEffect, useState } from 'preact/hooks';

/**
 * A read a page shows: its answer (null until the first one), its failure, whether an ask is under way, and a way to
 * ask again. An answer to an older ask (the filters changed meanwhile) is dropped, so a slow one never overwrites a
 * newer one.
 */
export function useRead<T>(read: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setLoading(true);
    read()
      .then(
        (value) => {
          if (!current) return;
          setData(value);
          setFailure(null);
        },
        (caught) => {
          if (current) setFailure(caught);
        },
      )
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [...deps, generation]);
  return { data, failure, loading, reload: () => setGeneration((g) => g + 1) };
}
