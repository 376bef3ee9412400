/**
 * The data files beside the bundled scenarios (scenarios/data/*.csv), shipped
 * with the site as separate chunks: a file is fetched only when a scenario that
 * names it is opened, so the first load stays small.
 */
const loaders = import.meta.glob('../../../scenarios/data/*.csv', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

/** Loaders by the name the bundled scenarios use (`data/philly-sample.csv`). */
const byName = new Map(Object.entries(loaders).map(([path, load]) => [`data/${path.split('/').pop()}`, load]));

export const bundledDataNames: string[] = [...byName.keys()].sort();

export function isBundledData(name: string): boolean {
  return byName.has(name);
}

export function loadBundledData(name: string): Promise<string> {
  const load = byName.get(name);
  if (!load) return Promise.reject(new Error(`${name} is not bundled with the planner`));
  return load();
}
