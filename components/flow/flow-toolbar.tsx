"use client";

import { useState, type FormEvent } from "react";
import styles from "@/components/flow/flow.module.css";
import type { FlowFilterOptions, FlowFilters, FlowStatusFilter } from "@/lib/flow/filter-flow-graph";
import type { FlowNode, FlowTier } from "@/lib/flow/types";

const STATUS_OPTIONS: { value: FlowStatusFilter; label: string }[] = [
  { value: "problems", label: "Any drift or problem" },
  { value: "OK", label: "OK" },
  { value: "WARNING", label: "Warning" },
  { value: "STALLED", label: "Stalled" },
  { value: "STOPPED", label: "Stopped" },
  { value: "REWOUND", label: "Rewound" },
];

/** Best match for a search: exact id or name first, then the shortest name containing the text. */
export function findNodeBySearch(nodes: FlowNode[], text: string): FlowNode | null {
  const needle = text.trim().toLowerCase();
  if (!needle) return null;
  const exact = nodes.find((node) => node.id.toLowerCase() === needle || node.label.toLowerCase() === needle);
  if (exact) return exact;
  const partial = nodes.filter((node) => node.label.toLowerCase().includes(needle));
  partial.sort((a, b) => a.label.length - b.label.length);
  return partial[0] ?? null;
}

type Props = {
  options: FlowFilterOptions;
  filters: FlowFilters;
  onFiltersChange: (filters: FlowFilters) => void;
  disabled: boolean;
  searchNodes: FlowNode[];
  onSearch: (nodeId: string) => void;
};

/** Filters by team, tag, tier and status, and a search that focuses a node. */
export function FlowToolbar({ options, filters, onFiltersChange, disabled, searchNodes, onSearch }: Props) {
  const [text, setText] = useState("");
  const [miss, setMiss] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = findNodeBySearch(searchNodes, text);
    setMiss(!found);
    if (found) onSearch(found.id);
  };
  const set = (patch: Partial<FlowFilters>) => onFiltersChange({ ...filters, ...patch });
  return (
    <div className={styles.toolbar}>
      <form onSubmit={submit} role="search" style={{ display: "flex", gap: "0.5rem", alignItems: "end" }}>
        <label>
          Find a service, topic or group
          <input
            className={styles.search}
            data-testid="flow-search"
            type="search"
            list="flow-search-options"
            value={text}
            placeholder="orders.created"
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <button type="submit">Find</button>
        <datalist id="flow-search-options">
          {searchNodes.slice(0, 2000).map((node) => (
            <option key={node.id} value={node.label} />
          ))}
        </datalist>
        <span aria-live="polite" className="subtle">
          {miss ? "No match" : ""}
        </span>
      </form>
      <label>
        Team
        <select value={filters.team ?? ""} disabled={disabled} onChange={(event) => set({ team: event.target.value || null })}>
          <option value="">All teams</option>
          {options.teams.map((team) => (
            <option key={team.slug} value={team.slug}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tag
        <select value={filters.tag ?? ""} disabled={disabled} onChange={(event) => set({ tag: event.target.value || null })}>
          <option value="">All tags</option>
          {options.tags.map((tag) => (
            <option key={tag}>{tag}</option>
          ))}
        </select>
      </label>
      <label>
        Tier
        <select value={filters.tier ?? ""} disabled={disabled} onChange={(event) => set({ tier: (event.target.value || null) as FlowTier | null })}>
          <option value="">All tiers</option>
          {options.tiers.map((tier) => (
            <option key={tier}>{tier}</option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={filters.status ?? ""}
          disabled={disabled}
          onChange={(event) => set({ status: (event.target.value || null) as FlowStatusFilter | null })}
        >
          <option value="">Any status</option>
          {STATUS_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
