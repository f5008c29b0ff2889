"use client";

import { useState, type FormEvent } from "react";
import { useTopicMessagesQuery } from "@/components/topics/use-topics-query";
import { ErrorState } from "@/components/ui/states";
import { MessageValue, messageValueHref } from "@/components/topics/message-value";
import { formatBytes } from "@/lib/format";

/**
 * Reads messages on request. Message contents are untrusted: every part is rendered as React
 * text (escaped), never as HTML.
 */
export function MessageBrowser({ cluster, topic, partitions }: { cluster: string; topic: string; partitions: number[] }) {
  const [form, setForm] = useState({ partition: "all", from: "latest", offset: "", timestamp: "", limit: "20" });
  const [params, setParams] = useState<Record<string, string> | null>(null);
  const [nonce, setNonce] = useState(0);
  const query = useTopicMessagesQuery(cluster, topic, params ? { ...params, nonce: String(nonce) } : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = { partition: form.partition, from: form.from, limit: form.limit };
    if (form.from === "offset") next.offset = form.offset;
    if (form.from === "timestamp") next.timestamp = String(new Date(form.timestamp).getTime());
    setParams(next);
    setNonce((value) => value + 1);
  };

  return (
    <div className="card" data-testid="message-browser">
      <form className="toolbar" onSubmit={submit}>
        <label>
          Partition{" "}
          <select value={form.partition} onChange={(event) => setForm({ ...form, partition: event.target.value })}>
            <option value="all">all</option>
            {partitions.map((partition) => (
              <option key={partition} value={String(partition)}>
                {partition}
              </option>
            ))}
          </select>
        </label>
        <label>
          From{" "}
          <select aria-label="Read from" value={form.from} onChange={(event) => setForm({ ...form, from: event.target.value })}>
            <option value="latest">latest</option>
            <option value="offset">offset</option>
            <option value="timestamp">time</option>
          </select>
        </label>
        {form.from === "offset" && (
          <input aria-label="Offset" type="number" min={0} required value={form.offset} onChange={(event) => setForm({ ...form, offset: event.target.value })} />
        )}
        {form.from === "timestamp" && (
          <input aria-label="Time" type="datetime-local" required value={form.timestamp} onChange={(event) => setForm({ ...form, timestamp: event.target.value })} />
        )}
        <label>
          Count{" "}
          <input aria-label="Count" type="number" min={1} max={200} value={form.limit} onChange={(event) => setForm({ ...form, limit: event.target.value })} style={{ width: 80 }} />
        </label>
        <button type="submit" data-testid="load-messages">
          {query.isFetching ? "Reading…" : "Read messages"}
        </button>
        <span className="subtle">Reads without joining a consumer group; nothing is committed.</span>
      </form>
      {query.isError && <ErrorState title="Messages could not be read" error={query.error} />}
      {query.data && query.data.messages.length === 0 && <div className="empty">No messages in that range.</div>}
      {query.data && query.data.messages.length > 0 && (
        <table data-testid="messages-table">
          <thead>
            <tr>
              <th className="num">Partition</th>
              <th className="num">Offset</th>
              <th>Time</th>
              <th>Key</th>
              <th>Headers</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {query.data.messages.map((message) => (
              <tr key={`${message.partition}-${message.offset}`} data-testid="message-row">
                <td className="num">{message.partition}</td>
                <td className="num">{message.offset}</td>
                <td style={{ whiteSpace: "nowrap" }}>{new Date(message.timestamp).toISOString().replace("T", " ").slice(0, 23)}</td>
                <td className="mono">{message.key ?? <span className="subtle">null</span>}</td>
                <td className="mono">
                  {Object.entries(message.headers).map(([name, value]) => (
                    <div key={name}>
                      {name}: {value}
                    </div>
                  ))}
                </td>
                <td style={{ maxWidth: 560 }}>
                  <MessageValue
                    value={message.value}
                    sizeBytes={message.valueSizeBytes}
                    downloadHref={messageValueHref(cluster, topic, message.partition, message.offset)}
                  />
                  <div className="subtle" data-testid="message-size">
                    {formatBytes(message.sizeBytes)}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
