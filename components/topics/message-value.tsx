"use client";

import { useState } from "react";
import { collapseText } from "@/components/topics/collapse-text";
import { formatBytes } from "@/lib/format";
import { MAX_VALUE_BYTES, type RenderedValue } from "@/lib/kafka/message-render";

/** Where the whole value of one record is served, as a download (never rendered inline). */
export function messageValueHref(cluster: string, topic: string, partition: number, offset: number): string {
  return `/api/clusters/${encodeURIComponent(cluster)}/topics/${encodeURIComponent(topic)}/messages/${partition}/${offset}/value`;
}

/**
 * One record's value: collapsed to its first lines until "Show all"; a value beyond the display
 * limit shows its size, a preview and a download of the whole value. Rendered as React text only.
 */
export function MessageValue({ value, sizeBytes, downloadHref }: { value: RenderedValue; sizeBytes: number | null; downloadHref: string }) {
  const [expanded, setExpanded] = useState(false);
  if (value.kind === "null") return <span className="subtle">null (tombstone)</span>;
  const text = value.kind === "binary" ? value.base64 : value.text;
  const { head, collapsed } = collapseText(text);
  const shown = expanded || !collapsed ? text : head;
  return (
    <>
      {value.kind === "binary" && <span className="badge">binary, base64</span>}
      {value.truncated && (
        <div className="banner info" data-testid="big-value">
          <strong data-testid="value-size">{formatBytes(sizeBytes)}</strong> value, too long to show: showing its first {formatBytes(MAX_VALUE_BYTES)}.{" "}
          <a href={downloadHref} download data-testid="download-value">
            Download
          </a>
        </div>
      )}
      <pre data-testid="message-value" data-collapsed={collapsed && !expanded ? "true" : "false"}>
        {shown}
        {collapsed && !expanded ? "…" : ""}
      </pre>
      {collapsed && (
        <button type="button" onClick={() => setExpanded(!expanded)} data-testid="toggle-value" aria-expanded={expanded}>
          {expanded ? "Show less" : `Show all (${text.split("\n").length} lines)`}
        </button>
      )}
    </>
  );
}
