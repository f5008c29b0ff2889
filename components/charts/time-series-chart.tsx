"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Series = { key: string; label: string; color: string; format: (value: number) => string; axis?: "left" | "right" };

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
const tooltipTime = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** A line chart over time with units on the axes and in the tooltip. */
export function TimeSeriesChart<T extends { at: number }>({
  points,
  series,
  height = 240,
  testId,
}: {
  points: T[];
  series: Series[];
  height?: number;
  testId?: string;
}) {
  const hasRight = series.some((entry) => entry.axis === "right");
  const left = series.find((entry) => entry.axis !== "right");
  const right = series.find((entry) => entry.axis === "right");
  return (
    <div
      style={{ height }}
      data-testid={testId}
      data-points={points.length}
      // The first series' first and last values, so a test can read which way the line goes.
      data-first={left ? String(valueOf(points[0], left.key)) : undefined}
      data-last={left ? String(valueOf(points[points.length - 1], left.key)) : undefined}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(value: number) => timeFormat.format(value)}
            stroke="var(--muted)"
            fontSize={12}
          />
          <YAxis yAxisId="left" stroke="var(--muted)" fontSize={12} width={70} tickFormatter={(value: number) => left?.format(value) ?? String(value)} />
          {hasRight && (
            <YAxis yAxisId="right" orientation="right" stroke="var(--muted)" fontSize={12} width={70} tickFormatter={(value: number) => right?.format(value) ?? String(value)} />
          )}
          <Tooltip
            contentStyle={{ background: "var(--card)", border: "1px solid var(--border)", borderRadius: 6 }}
            labelFormatter={(value) => tooltipTime.format(Number(value))}
            formatter={(value, name) => {
              const entry = series.find((candidate) => candidate.label === name);
              return [entry ? entry.format(Number(value)) : String(value), name];
            }}
          />
          <Legend />
          {series.map((entry) => (
            <Line
              key={entry.key}
              yAxisId={entry.axis ?? "left"}
              type="monotone"
              dataKey={entry.key}
              name={entry.label}
              stroke={entry.color}
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function valueOf(point: object | undefined, key: string): unknown {
  return point ? (point as Record<string, unknown>)[key] : undefined;
}
