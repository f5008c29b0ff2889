// Node and edge ids double as React Flow ids and e2e test ids (`flow-node-<id>`), so they are
// readable: "service:payments", "topic:orders.created", "topic:orders.created->service:payments".

export function toServiceNodeId(slug: string): string {
  return `service:${slug}`;
}

export function toTopicNodeId(topic: string): string {
  return `topic:${topic}`;
}

export function toGroupNodeId(groupId: string): string {
  return `group:${groupId}`;
}

export function toProducerNodeId(producer: string): string {
  return `producer:${producer}`;
}

export function toAggregateNodeId(prefix: string): string {
  return `aggregate:${prefix}`;
}

/** One edge per (source, target): the direction follows from which end is the topic. */
export function toEdgeId(source: string, target: string): string {
  return `${source}->${target}`;
}

/** Text before the first '.', or the whole name when there is none. */
export function getTopicPrefix(topic: string): string {
  const dot = topic.indexOf(".");
  return dot > 0 ? topic.slice(0, dot) : topic;
}
