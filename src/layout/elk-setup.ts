/**
 * The one ELK setup of Nagare: the templates (src/templates/layout.ts) and the editor's 自動レイアウト
 * (src/canvas/layout) lay diagrams out with these options and spacings, so that a template laid out again in
 * the editor keeps its look. ELK's `layered` algorithm, flows left to right.
 */

/** Between neighbouring nodes of a layer: a flow label fits between two boxes. */
export const NODE_GAP = 60;
/** The least horizontal gap between two columns of nodes. */
export const LAYER_GAP = 90;
/** Between a flow and a node it passes. */
export const EDGE_NODE_GAP = 24;
/** Inside a lane or boundary, around what it holds. */
export const PAD = 24;
/** Room for a lane's title band above its first node. */
export const LANE_HEADER = 44;
/** Room for a boundary's title above its first member. */
export const BOUNDARY_HEADER = 30;
/** Above this many nodes, crossing minimisation does fewer passes (a large diagram stays under ~2 s). */
export const LARGE_GRAPH = 150;

export interface ElkSetup {
  /** Nodes in the graph (a large graph gets the quicker settings). */
  nodes: number;
  /** Lanes as ELK partitions (`elk.partitioning.partition` on each node, 0 = leftmost). */
  partitioned?: boolean;
  /** Boundaries as compound nodes laid out with their members. */
  compound?: boolean;
  /** More room between the nodes of a layer (a figure that came out too wide is laid out again). */
  nodeGap?: number;
}

/** Root layout options for ELK. */
export function elkOptions(setup: ElkSetup): Record<string, string> {
  const options: Record<string, string> = {
    "elk.algorithm": "layered",
    "elk.direction": "RIGHT",
    "elk.edgeRouting": "ORTHOGONAL",
    "elk.separateConnectedComponents": "false",
    "elk.spacing.nodeNode": String(setup.nodeGap ?? NODE_GAP),
    "elk.layered.spacing.nodeNodeBetweenLayers": String(LAYER_GAP),
    "elk.spacing.edgeNode": String(EDGE_NODE_GAP),
    "elk.layered.spacing.edgeNodeBetweenLayers": String(EDGE_NODE_GAP),
    "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
    "elk.randomSeed": "1",
  };
  if (setup.partitioned) options["elk.partitioning.activate"] = "true";
  // Compound handling costs time; only boundaries need it.
  if (setup.compound) options["elk.hierarchyHandling"] = "INCLUDE_CHILDREN";
  if (setup.nodes > LARGE_GRAPH) {
    options["elk.layered.thoroughness"] = "1";
    options["elk.layered.cycleBreaking.strategy"] = "GREEDY";
  } else options["elk.layered.nodePlacement.strategy"] = "NETWORK_SIMPLEX";
  return options;
}

/** Padding of a boundary laid out as a compound node: its title on top. */
export const BOUNDARY_PADDING = `[top=${BOUNDARY_HEADER + 10},left=${PAD},bottom=${PAD},right=${PAD}]`;
