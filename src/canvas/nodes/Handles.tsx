import { Handle, Position } from "@xyflow/react";

const SIDES = [
  ["t", Position.Top],
  ["r", Position.Right],
  ["b", Position.Bottom],
  ["l", Position.Left],
] as const;

/**
 * A source and a target handle on each side. Edges in the model have no handles: the view picks the sides
 * that face each other. Connections start only from source handles.
 */
export function FourSideHandles({ connectable }: { connectable: boolean }) {
  return (
    <>
      {SIDES.map(([id, pos]) => (
        <Handle
          key={`t-${id}`}
          id={`t-${id}`}
          type="target"
          position={pos}
          isConnectableStart={false}
          isConnectable={connectable}
          className="handle handle-target"
        />
      ))}
      {SIDES.map(([id, pos]) => (
        <Handle
          key={`s-${id}`}
          id={`s-${id}`}
          type="source"
          position={pos}
          isConnectable={connectable}
          className="handle handle-source"
        />
      ))}
    </>
  );
}
