/**
 * Keeps a server process serving, and quiet, once whatever reads its standard output and error is
 * gone: a log shipper restarted, `npm start | tee` whose tee ended, a parent killed with -9.
 *
 * A write to such a pipe fails with EPIPE, which Node.js reports as an 'error' event of the
 * stream. With no listener it becomes an uncaught exception, and Next.js's handler for those logs
 * it with console.error: to the same pipe, which fails again. A web replica in that loop kept a
 * whole core busy here and stopped answering, /api/health included, for as long as it lived.
 * With a listener the stream is dropped and the server carries on; there is nowhere left to say so.
 */
export function ignoreBrokenPipes(streams: NodeJS.WritableStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (!stream.listeners("error").includes(ignoreWriteError)) stream.on("error", ignoreWriteError);
  }
}

function ignoreWriteError(): void {
  // The stream is destroyed by now; later writes to it fail here too, and cost nothing more.
}
