/** One-dimensional clustering of positions (ruling lines, column edges), in any unit. */

/** Clusters sorted numbers: each value joins the cluster of the previous one if within `tolerance` of it. */
export function valuesToClusters(values: readonly number[], tolerance: number): number[][] {
  const sorted = [...values].sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const v of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && v - last[last.length - 1]! <= tolerance) last.push(v);
    else clusters.push([v]);
  }
  return clusters;
}

export const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The means of {@link valuesToClusters}, ascending: one position per line or column. */
export function valuesToClusterMeans(values: readonly number[], tolerance: number): number[] {
  return valuesToClusters(values, tolerance).map(mean);
}
