// A local HTTP receiver for the alerts tests: records every request (path, headers, exact body)
// and answers each path with a scripted sequence of statuses (the last one repeats).
import { createServer, type Server } from "node:http";

export type ReceivedRequest = { path: string; headers: Record<string, string | string[] | undefined>; body: string; at: number };

export type AlertsReceiver = {
  url: string;
  requests: ReceivedRequest[];
  /** Answers on `path`, in order; the last repeats. Default 200. */
  script(path: string, statuses: number[]): void;
  /** Answers on `path` only after `ms` (a slow endpoint). */
  delay(path: string, ms: number): void;
  on(path: string): ReceivedRequest[];
  close(): Promise<void>;
};

export async function startAlertsReceiver(): Promise<AlertsReceiver> {
  const requests: ReceivedRequest[] = [];
  const scripts = new Map<string, number[]>();
  const delays = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      requests.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const statuses = scripts.get(path) ?? [200];
      const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      const answer = () => {
        if (!response.destroyed) response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ status }));
      };
      const delay = delays.get(path);
      if (delay) setTimeout(answer, delay).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (path, statuses) => scripts.set(path, [...statuses]),
    delay: (path, ms) => delays.set(path, ms),
    on: (path) => requests.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
