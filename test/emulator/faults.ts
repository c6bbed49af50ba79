/** Scripted faults: the first injected fault that matches a request is applied and its count decremented. */
import { CallRecord, Fault } from './types';

/** The faults still armed, in injection order. */
export class FaultTable {
  private faults: { fault: Fault; left: number }[] = [];

  /** Arms a fault for `fault.times` matching requests (default 1). */
  public add(fault: Fault): void {
    this.faults.push({ fault, left: fault.times ?? 1 });
  }

  /** Returns the fault that applies to `call` (consuming one use), or undefined. */
  public take(call: CallRecord): Fault | undefined {
    const entry = this.faults.find((f) => f.fault.operation === call.operation && (f.fault.match?.(call) ?? true));
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.faults = this.faults.filter((f) => f !== entry);
    return entry.fault;
  }

  /** Disarms every fault. */
  public clear(): void {
    this.faults = [];
  }
}
