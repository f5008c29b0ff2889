import pg from "pg";

/**
 * A node-postgres client that runs the promise-style queries it is handed one after another.
 *
 * Prisma's query interpreter loads a query's sibling relations at once (a `join` node's children
 * under Promise.all). Outside a transaction each goes to a connection of the pool; inside one they
 * all go to the transaction's single client, and node-postgres warns that "calling client.query()
 * when the client is already executing a query is deprecated and will be removed in pg@9.0" (pg
 * 8.19 on). Our catalog writes read their record back with its team and its flows inside the write's
 * transaction, so with pg 9 such writes would fail. prisma/orm#29407 tracks it (fixes proposed
 * in @prisma/adapter-pg, not released); until then the pool's clients queue such queries themselves.
 * node-postgres ran them in this order anyway, one at a time on the connection: only the warning
 * (and pg 9's error) goes.
 *
 * Queries with a callback (the pool's own `pool.query`), or a submittable (a cursor, a stream), pass
 * straight through.
 */
export class SerialClient extends pg.Client {
  private tail: Promise<unknown> = Promise.resolve();

  override query(...args: unknown[]): never {
    const runQuery = () => (pg.Client.prototype.query as (...queryArgs: unknown[]) => unknown).apply(this, args);
    const [first] = args;
    const config = typeof first === "object" && first !== null ? (first as { submit?: unknown; callback?: unknown }) : null;
    const callbackStyle = typeof args.at(-1) === "function" || typeof config?.callback === "function";
    if (callbackStyle || typeof config?.submit === "function") return runQuery() as never;
    const result = this.tail.then(runQuery);
    this.tail = result.catch(() => undefined);
    return result as never;
  }
}
