/** Times the phases of a step for its notes: `lap('load')` closes the phase that started at the last lap. */
export function lapTimer() {
  const timings: string[] = [];
  let mark = performance.now();
  return {
    lap(label: string): void {
      const now = performance.now();
      timings.push(`${label} ${Math.round(now - mark)}`);
      mark = now;
    },
    /** "load 120, segmentation 900, ..." in milliseconds. */
    summary: (): string => timings.join(', '),
  };
}
