/**
 * Calls `stop` on the first SIGINT or SIGTERM, once; later ones while it stops are only reported.
 * Ctrl-C signals the terminal's whole process group, and `npm run` and tsx also pass the signal
 * on to their child, so a script started that way gets SIGINT two or three times within
 * milliseconds. With `process.once`, the second one found no handler and killed the process
 * halfway through stopping what it had started: `npm run demo` left its Kafka broker and
 * Keycloak running, and `npm run collector` died before handing its leases over.
 */
export function onStopSignal(stop: (signal: NodeJS.Signals) => void, log: (message: string) => void = console.warn): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) {
        log(`${signal}: already stopping`);
        return;
      }
      stopping = true;
      stop(signal);
    });
  }
}
