import fs from 'node:fs';

/** Linux's clock tick for /proc CPU times: 100 Hz on every kernel this runs on (`getconf CLK_TCK`). */
const MS_PER_TICK = 10;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc; 0 once it has gone. With
 * `withExitedChildren`, also that of its children that have exited and been waited for.
 * Benchmarks read it before and after a run to say where the time went, per turn.
 */
export function cpuMs(pid: number | undefined, withExitedChildren = false): number {
  if (pid === undefined) return 0;
  try {
    // The command name is in parentheses and may hold spaces: count fields after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14 to 17 of the line, 12 to 15 after the name.
    const own = Number(fields[11]) + Number(fields[12]);
    return (withExitedChildren ? own + Number(fields[13]) + Number(fields[14]) : own) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

/**
 * CPU time (ms) used so far by every PostgreSQL process on this machine, the backends of the run's
 * connections included. A backend that has exited (the pool closes idle connections) counts
 * through the postmaster, which adds its reaped children's time to its own `cutime`/`cstime`.
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(Number(entry), true);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return total;
}
