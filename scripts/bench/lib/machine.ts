/** The machine a run happened on, for the report header. */
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGb: number;
  readonly node: string;
  readonly date: string;
  /** 1-minute load average at the start: a busy, shared machine makes every figure noisy. */
  readonly load: number;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    date: new Date().toISOString(),
    load: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
