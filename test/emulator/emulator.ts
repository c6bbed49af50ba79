/** `startEmulator`: wires the store, the operations and the HTTP server into an {@link Emulator}. */
import { dataPlaneHandlers, InvokeBehaviours } from './data-plane';
import { FaultTable } from './faults';
import { IdempotencyLedger } from './idempotency';
import { Arns } from './ids';
import { runtimeHandlers } from './runtime-ops';
import { RuntimeStore, snapshot } from './runtime-store';
import { EmulatorServer } from './server';
import { taggingHandlers } from './tagging';
import { CallRecord, DefaultLag, Emulator, EmulatorOptions, Fault, InvokeBehaviour, RuntimeRecord, StatusStep } from './types';

/**
 * Starts an AgentCore control-plane and data-plane emulator on 127.0.0.1 (random port). Point the SDK at it with
 * `endpoint: emu.endpoint`, or with `AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL` / `AWS_ENDPOINT_URL_BEDROCK_AGENTCORE`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '123456789012';
  const arns = new Arns(region, account);
  const transitionGets = options.transitionGets ?? 1;
  const clock = options.clock ?? Date.now;
  const store = new RuntimeStore(arns, transitionGets, clock);
  const behaviours = new InvokeBehaviours();
  const faults = new FaultTable();
  const ledger = new IdempotencyLedger();
  const calls: CallRecord[] = [];
  const server = new EmulatorServer({
    handlers: {
      ...runtimeHandlers(store, arns),
      ...taggingHandlers((arn) => store.findByArn(arn)),
      ...dataPlaneHandlers(store, behaviours),
    },
    faults,
    ledger,
    calls,
  });
  const endpoint = await server.listen();

  return {
    endpoint,
    region,
    account,
    calls,
    callsTo: (operation: string) => calls.filter((c) => c.operation === operation),
    runtimes: (): RuntimeRecord[] => store.all().map(snapshot),
    runtime: (idOrName: string): RuntimeRecord | undefined => {
      const rt = store.find(idOrName);
      return rt && snapshot(rt);
    },
    inject: (fault: Fault) => faults.add(fault),
    scriptStatus: (nameOrId: string, statuses: StatusStep[], failureReason?: string) => store.script(nameOrId, statuses, failureReason),
    lagDefault: (nameOrId: string, lag: DefaultLag) => store.lagDefault(nameOrId, lag),
    deleteOutOfBand: (idOrName: string) => store.remove(idOrName),
    seedRuntime: (config) => snapshot(store.seed(config)),
    setInvokeBehaviour: (idOrName: string, behaviour: InvokeBehaviour, version?: string) => behaviours.set(idOrName, behaviour, version),
    reset: () => {
      store.clear();
      calls.length = 0;
      faults.clear();
      ledger.clear();
      behaviours.clear();
    },
    close: () => server.close(),
  };
}
