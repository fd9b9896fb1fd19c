// What a bench module returns: named metrics with their samples, optionally compared with a
// baseline metric of the same module (ratio) and with a target.
export interface Metric {
  name: string;
  unit: string;
  samples: number[];
  /** Throughput (articles/s, MB/s) is better higher; latency (ms) lower. */
  higherIsBetter: boolean;
  /** Name of the metric this one is compared with (the bare baseline). */
  baseline?: string;
  /** The number to reach (>= for higher-is-better, <= otherwise), judged on the median. */
  target?: number;
  /** Allowed slowdown against the baseline (e.g. 2 = within 2×). */
  maxRatio?: number;
}

export interface BenchContext {
  /** Scaled-down run (CI sanity): same code paths, smaller data. */
  quick: boolean;
  runs: number;
  log(message: string): void;
}

export interface BenchModule {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Metric[]>;
}
