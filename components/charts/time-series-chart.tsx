"use client";

import { useMemo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type YAxisTickContentProps } from "recharts";
import { timeTicks, valueTicks, type AxisLabel, type ValueTicks } from "@/components/charts/chart-ticks";
import { withGapBreaks } from "@/components/charts/chart-gaps";

export type Series = {
  key: string;
  label: string;
  color: string;
  /** The tooltip's format. */
  format: (value: number) => string;
  /** The axis labels' format (see axis-format.ts); without it, `format` with steps grown until labels differ. */
  axisLabel?: AxisLabel;
  axis?: "left" | "right";
};

const tooltipTime = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * A line chart over time with units on the axes and in the tooltip; axis labels never repeat. Lines
 * break where no sample was taken for a while (chart-gaps.ts) and where a value is unknown (a time
 * lag nobody could read), rather than drawing a straight line across what was not measured.
 */
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
  const left = series.find((entry) => entry.axis !== "right");
  const right = series.find((entry) => entry.axis === "right");
  const { x, leftTicks, rightTicks } = useMemo(() => {
    const times = points.map((point) => point.at);
    return {
      x: timeTicks(Math.min(...times), Math.max(...times)),
      leftTicks: left ? axisTicks(points, series.filter((entry) => entry.axis !== "right"), left) : null,
      rightTicks: right ? axisTicks(points, series.filter((entry) => entry.axis === "right"), right) : null,
    };
  }, [points, series, left, right]);
  const xLabels = new Map(x.ticks.map((tick, index) => [tick, x.labels[index]!]));
  const drawn = useMemo(() => withGapBreaks(points, series.map((entry) => entry.key)), [points, series]);

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
        <LineChart data={drawn} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            tick={{ className: "chart-tick-time" }}
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            ticks={x.ticks}
            interval={0}
            tickFormatter={(value: number) => xLabels.get(value) ?? ""}
            stroke="var(--muted)"
            fontSize={12}
          />
          {leftTicks && valueAxis("left", leftTicks)}
          {rightTicks && valueAxis("right", rightTicks)}
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
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

// Called as a function, not used as a component: the YAxis stays a direct child of LineChart.
function valueAxis(id: "left" | "right", ticks: ValueTicks) {
  const labels = new Map(ticks.ticks.map((tick, index) => [tick, ticks.labels[index]!]));
  return (
    <YAxis
      yAxisId={id}
      orientation={id}
      // Tick labels are drawn in their own layer, outside the axis group: the class marks them for tests.
      tick={(props: YAxisTickContentProps) => <ValueTick {...props} className={`chart-tick-${id}`} label={labels.get(props.payload.value as number) ?? ""} />}
      stroke="var(--muted)"
      fontSize={12}
      width={70}
      ticks={ticks.ticks}
      domain={ticks.domain}
      interval={0}
    />
  );
}

/**
 * One value label on one line. Recharts' own tick breaks a label into a line per word once it
 * measures it wider than the axis, and it measures the words without the axis's 12 px font size:
 * "500 msg/s" came out as "500" over "msg/s".
 */
function ValueTick({ x, y, textAnchor, fill, className, label }: YAxisTickContentProps & { label: string }) {
  return (
    <text x={x} y={y} dy="0.355em" textAnchor={textAnchor} fill={fill} fontSize={12} className={className}>
      {label}
    </text>
  );
}

/** Ticks for one value axis over every series drawn against it, labelled by the first one's format. */
function axisTicks(points: object[], onAxis: Series[], first: Series): ValueTicks {
  const values: number[] = [];
  for (const point of points) {
    for (const entry of onAxis) {
      const value = valueOf(point, entry.key);
      if (typeof value === "number") values.push(value);
    }
  }
  return valueTicks(values, first.axisLabel ?? { format: (value) => first.format(value) });
}

function valueOf(point: object | undefined, key: string): unknown {
  return point ? (point as Record<string, unknown>)[key] : undefined;
}
