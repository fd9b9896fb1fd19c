// Bipartite matchings. Graphs here are small (the spans of one article that overlap), but a
// long span can overlap many short ones, so both algorithms are the real thing rather than a
// greedy pass, which can miss a larger matching.

const INF = 0x3fffffff;

interface HkState {
  adj: readonly (readonly number[])[];
  matchL: Int32Array;
  matchR: Int32Array;
  dist: Int32Array;
  queue: Int32Array;
}

/** Layers the free left nodes' alternating paths; true when some path reaches a free right node. */
function layer(st: HkState): boolean {
  const { adj, matchL, matchR, dist, queue } = st;
  let tail = 0;
  for (let i = 0; i < adj.length; i++) {
    if (matchL[i] === -1) {
      dist[i] = 0;
      queue[tail++] = i;
    } else dist[i] = INF;
  }
  let found = false;
  for (let q = 0; q < tail; q++) {
    const i = queue[q]!;
    for (const j of adj[i]!) {
      const k = matchR[j]!;
      if (k === -1) found = true;
      else if (dist[k] === INF) {
        dist[k] = dist[i]! + 1;
        queue[tail++] = k;
      }
    }
  }
  return found;
}

/** Augments along a shortest alternating path from left node i. */
function augment(st: HkState, i: number): boolean {
  for (const j of st.adj[i]!) {
    const k = st.matchR[j]!;
    if (k === -1 || (st.dist[k] === st.dist[i]! + 1 && augment(st, k))) {
      st.matchL[i] = j;
      st.matchR[j] = i;
      return true;
    }
  }
  st.dist[i] = INF;
  return false;
}

/**
 * Size of a maximum matching (Hopcroft–Karp) between left nodes 0..adj.length-1 and right
 * nodes 0..right-1; adj[i] lists the right nodes left node i may be matched with.
 */
export function maxMatching(adj: readonly (readonly number[])[], right: number): number {
  const left = adj.length;
  const st: HkState = {
    adj,
    matchL: new Int32Array(left).fill(-1),
    matchR: new Int32Array(right).fill(-1),
    dist: new Int32Array(left),
    queue: new Int32Array(left),
  };
  let size = 0;
  while (layer(st)) {
    for (let i = 0; i < left; i++) if (st.matchL[i] === -1 && augment(st, i)) size++;
  }
  return size;
}

/**
 * A matching of maximum total weight between rows 0..rows-1 and columns 0..cols-1 (the
 * Hungarian algorithm, O(n²·m)); weight(i, j) is null where i and j may not be matched.
 * Returns the matched [row, column] pairs. Ties go the same way for the same input.
 */
export function maxWeightMatching(
  rows: number,
  cols: number,
  weight: (row: number, col: number) => number | null,
): [number, number][] {
  if (rows === 0 || cols === 0) return [];
  if (rows === 1 || cols === 1) {
    // One node on a side (the usual case for overlapping spans): its heaviest pair, the first on a tie.
    let best: [number, number] | null = null;
    let bestWeight = -Infinity;
    for (let k = 0; k < Math.max(rows, cols); k++) {
      const [i, j] = rows === 1 ? [0, k] : [k, 0];
      const x = weight(i, j);
      if (x !== null && x > bestWeight) {
        best = [i, j];
        bestWeight = x;
      }
    }
    return best ? [best] : [];
  }
  // The algorithm assigns every row of an n ≤ m cost matrix: transpose when there are more rows.
  const flip = rows > cols;
  const n = flip ? cols : rows;
  const m = flip ? rows : cols;
  const w = (i: number, j: number) => (flip ? weight(j, i) : weight(i, j));
  // Costs are negated weights; a pair that may not be matched costs 0 (as good as leaving
  // the row unmatched) and is dropped from the result.
  const cost: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < m; j++) row.push(-(w(i, j) ?? 0));
    cost.push(row);
  }
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const pairs: [number, number][] = [];
  for (let j = 1; j <= m; j++) {
    const i = p[j]!;
    if (i === 0) continue;
    const [r, c] = flip ? [j - 1, i - 1] : [i - 1, j - 1];
    if (weight(r, c) !== null) pairs.push([r, c]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}
