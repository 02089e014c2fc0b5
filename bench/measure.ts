import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Samples RSS every few ms and the event loop's worst stall, between start() and stop(). */
export function startMeasuring(sampleMs = 20) {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, sampleMs);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const stop = () => {
    clearInterval(timer);
    loop.disable();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { seconds: (performance.now() - started) / 1000, peakRssMb: peakRss / 1024 / 1024, maxLoopDelayMs: loop.max / 1e6 };
  };
  return {
    stop,
    /**
     * Stops after one more turn of the event loop: a stall just before the end (a synchronous commit,
     * say) is only recorded when the monitor's timer next fires, which stop() right away would miss.
     * The time is taken when finish() is called.
     */
    async finish() {
      const seconds = (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 2 * sampleMs));
      return { ...stop(), seconds };
    },
  };
}

/** A result line with its target. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: { max: number } | { min: number };
}

/** True when the figure meets its target (or has none). */
export function meets(figure: Figure): boolean {
  if (!figure.target) return true;
  return 'max' in figure.target ? figure.value <= figure.target.max : figure.value >= figure.target.min;
}

/** Markdown table of figures. */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) => {
    const target = !f.target ? '' : 'max' in f.target ? `≤ ${f.target.max} ${f.unit}` : `≥ ${f.target.min} ${f.unit}`;
    return `| ${f.name} | ${format(f.value)} ${f.unit} | ${target} | ${f.target ? (meets(f) ? 'met' : '**missed**') : ''} |`;
  });
  return ['| measure | value | target | |', '|---|---|---|---|', ...rows].join('\n');
}

function format(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(value < 10 ? 2 : 1);
}
