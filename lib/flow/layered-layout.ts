// A fast left-to-right layered layout for graphs too big for ELK in a browser tab. ELK's layered
// algorithm takes seconds on 1,000+ nodes (long edges become chains of dummy nodes); this one is
// the classic Sugiyama outline without dummies: greedy cycle breaking, longest-path layering,
// barycenter ordering sweeps, stacked coordinates. Linear per sweep, deterministic in input order.

export type LayeredNodeInput = {
  id: string;
  width: number;
  height: number;
  /** Layer for a node with no edges (topics go to the middle column, not the producers'). */
  isolatedLayer?: number;
};
export type LayeredEdgeInput = { source: string; target: string };
export type LayeredLayout = { positions: Map<string, { x: number; y: number }>; width: number; height: number };

const SWEEPS = 4;

export function layoutLayered(
  nodes: LayeredNodeInput[],
  edges: LayeredEdgeInput[],
  spacing: { betweenLayers: number; betweenNodes: number } = { betweenLayers: 90, betweenNodes: 20 },
): LayeredLayout {
  const count = nodes.length;
  const indexById = new Map(nodes.map((node, index) => [node.id, index]));
  const successors: number[][] = Array.from({ length: count }, () => []);
  const predecessors: number[][] = Array.from({ length: count }, () => []);
  for (const edge of edges) {
    const from = indexById.get(edge.source);
    const to = indexById.get(edge.target);
    if (from === undefined || to === undefined || from === to) continue;
    successors[from]!.push(to);
    predecessors[to]!.push(from);
  }

  // Cycle breaking with the greedy ordering of Eades, Lin and Smyth: peel sinks to the right,
  // sources to the left, else the node with the most (out − in) edges to the left. Edges that
  // point backwards in that order are reversed. A DFS-based order would do too, but it strings
  // random graphs into one long chain (hundreds of layers); this one keeps them shallow.
  const position = orderGreedily(count, successors, predecessors);
  const byPosition = new Array<number>(count);
  for (let node = 0; node < count; node++) byPosition[position[node]!] = node;

  // Longest path from the sources, visiting nodes in that order.
  const layer = new Int32Array(count);
  for (const node of byPosition) {
    let best = 0;
    for (const parent of predecessors[node]!) if (position[parent]! < position[node]!) best = Math.max(best, layer[parent]! + 1);
    for (const child of successors[node]!) if (position[child]! < position[node]!) best = Math.max(best, layer[child]! + 1);
    layer[node] = best;
  }
  for (let node = 0; node < count; node++) {
    if (successors[node]!.length === 0 && predecessors[node]!.length === 0) {
      layer[node] = nodes[node]!.isolatedLayer ?? 0;
    }
  }

  let layerCount = 0;
  for (let node = 0; node < count; node++) layerCount = Math.max(layerCount, layer[node]! + 1);
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let node = 0; node < count; node++) layers[layer[node]!]!.push(node);

  // Barycenter sweeps on normalised positions, so long edges pull as much as short ones.
  const rank = new Float64Array(count);
  const updateRanks = (members: number[]) =>
    members.forEach((node, index) => (rank[node] = members.length > 1 ? index / (members.length - 1) : 0.5));
  layers.forEach(updateRanks);
  const reorder = (members: number[], neighbours: number[][]) => {
    const keys = new Map<number, number>();
    for (const node of members) {
      const linked = neighbours[node]!;
      let sum = 0;
      for (const other of linked) sum += rank[other]!;
      keys.set(node, linked.length > 0 ? sum / linked.length : rank[node]!);
    }
    members.sort((a, b) => keys.get(a)! - keys.get(b)! || rank[a]! - rank[b]!);
    updateRanks(members);
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (let index = 1; index < layerCount; index++) reorder(layers[index]!, predecessors);
    for (let index = layerCount - 2; index >= 0; index--) reorder(layers[index]!, successors);
  }

  const columns = splitTallLayers(layers, nodes, spacing);
  const columnHeights = columns.map(({ members }) => measureHeight(members, nodes, spacing.betweenNodes));
  const columnWidths = columns.map(({ members }) => Math.max(0, ...members.map((node) => nodes[node]!.width)));
  const rows = chooseRowCount(columnWidths, columnHeights, spacing.betweenLayers);
  const perRow = Math.ceil(columns.length / rows);
  const positions = new Map<string, { x: number; y: number }>();
  let width = 0;
  let top = 0;
  for (let row = 0; row < rows; row++) {
    const first = row * perRow;
    const rowHeight = Math.max(0, ...columnHeights.slice(first, first + perRow));
    let x = 0;
    columns.slice(first, first + perRow).forEach(({ members, gapAfter }, offset) => {
      let y = top + (rowHeight - columnHeights[first + offset]!) / 2;
      for (const node of members) {
        positions.set(nodes[node]!.id, { x, y });
        y += nodes[node]!.height + spacing.betweenNodes;
      }
      x += columnWidths[first + offset]! + gapAfter;
    });
    width = Math.max(width, x - spacing.betweenLayers);
    top += rowHeight + spacing.betweenLayers * 2;
  }
  return { positions, width: Math.max(0, width), height: Math.max(0, top - spacing.betweenLayers * 2) };
}

function measureHeight(members: number[], nodes: LayeredNodeInput[], gap: number): number {
  return members.reduce((sum, node) => sum + nodes[node]!.height, 0) + Math.max(0, members.length - 1) * gap;
}

/**
 * A layer of hundreds of topics would make the picture a tall thin strip: split tall layers into
 * side-by-side sub-columns (in their barycenter order) so the whole is about 16:10.
 */
function splitTallLayers(
  layers: number[][],
  nodes: LayeredNodeInput[],
  spacing: { betweenLayers: number; betweenNodes: number },
): { members: number[]; gapAfter: number }[] {
  let area = 0;
  let tallestNode = 0;
  for (const members of layers) {
    const widest = Math.max(0, ...members.map((node) => nodes[node]!.width));
    area += (widest + spacing.betweenLayers) * measureHeight(members, nodes, spacing.betweenNodes);
    for (const node of members) tallestNode = Math.max(tallestNode, nodes[node]!.height);
  }
  const targetHeight = Math.max(tallestNode, Math.sqrt(area / 1.6));
  const columns: { members: number[]; gapAfter: number }[] = [];
  for (const members of layers) {
    const parts = Math.max(1, Math.ceil(measureHeight(members, nodes, spacing.betweenNodes) / targetHeight));
    const size = Math.ceil(members.length / parts);
    for (let part = 0; part < parts; part++) {
      const last = part === parts - 1;
      columns.push({ members: members.slice(part * size, (part + 1) * size), gapAfter: last ? spacing.betweenLayers : spacing.betweenNodes * 2 });
    }
  }
  return columns.filter((column) => column.members.length > 0);
}

/** A very deep graph (many layers, few nodes each) would be a thin ribbon nobody can read at
 * fit-to-screen zoom: wrap its layers into rows, like lines of text, so it is about 16:10. */
function chooseRowCount(layerWidths: number[], layerHeights: number[], gap: number): number {
  const width = layerWidths.reduce((sum, layerWidth) => sum + layerWidth + gap, 0);
  const height = Math.max(1, ...layerHeights);
  if (width / height <= 3) return 1;
  return Math.max(1, Math.min(layerWidths.length, Math.round(Math.sqrt(width / (height * 1.6)))));
}

/** Eades–Lin–Smyth greedy linear ordering; returns each node's position. O(V² ) worst case in
 * the "pick the best node" step, which only runs while no source or sink is left. */
function orderGreedily(count: number, successors: number[][], predecessors: number[][]): Int32Array {
  const outDegree = Int32Array.from(successors, (list) => list.length);
  const inDegree = Int32Array.from(predecessors, (list) => list.length);
  const removed = new Uint8Array(count);
  const left: number[] = [];
  const right: number[] = [];
  const sinks: number[] = [];
  const sources: number[] = [];
  for (let node = count - 1; node >= 0; node--) {
    if (outDegree[node] === 0) sinks.push(node);
    else if (inDegree[node] === 0) sources.push(node);
  }
  let remaining = count;
  const remove = (node: number) => {
    removed[node] = 1;
    remaining--;
    for (const parent of predecessors[node]!) {
      if (removed[parent]) continue;
      if (--outDegree[parent]! === 0) sinks.push(parent);
    }
    for (const child of successors[node]!) {
      if (removed[child]) continue;
      if (--inDegree[child]! === 0) sources.push(child);
    }
  };
  let scanFrom = 0;
  while (remaining > 0) {
    let progressed = true;
    while (progressed) {
      progressed = false;
      while (sinks.length > 0) {
        const node = sinks.pop()!;
        if (removed[node] || outDegree[node] !== 0) continue;
        remove(node);
        right.push(node);
        progressed = true;
      }
      while (sources.length > 0) {
        const node = sources.pop()!;
        if (removed[node] || inDegree[node] !== 0) continue;
        remove(node);
        left.push(node);
        progressed = true;
      }
    }
    if (remaining === 0) break;
    let best = -1;
    let bestScore = -Infinity;
    while (removed[scanFrom]) scanFrom++;
    for (let node = scanFrom; node < count; node++) {
      if (removed[node]) continue;
      const score = outDegree[node]! - inDegree[node]!;
      if (score > bestScore) {
        bestScore = score;
        best = node;
      }
    }
    remove(best);
    left.push(best);
  }
  const position = new Int32Array(count);
  left.forEach((node, index) => (position[node] = index));
  right.reverse().forEach((node, index) => (position[node] = left.length + index));
  return position;
}
