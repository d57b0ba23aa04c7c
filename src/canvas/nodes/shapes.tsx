import type { NodeKind } from "../../model";

/**
 * The symbols of the 別添1 legend as SVG, used on the canvas, in the palette and in the legend. Icon kinds
 * draw a 48×48 symbol; box kinds draw a shape that stretches to the node (label inside).
 */

const INK = "#1f2933";

export function KindIcon({ kind, size = 40 }: { kind: NodeKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" className="kind-icon">
      <IconPaths kind={kind} />
    </svg>
  );
}

function Person({ fill, badge }: { fill: string; badge?: boolean }) {
  return (
    <g stroke={INK} strokeWidth="1.6" fill={fill}>
      <circle cx="24" cy="13" r="8" />
      <path d="M9 44 C9 30 15 24 24 24 C33 24 39 30 39 44 Z" />
      {badge ? <rect x="27" y="31" width="8" height="6" fill="#fff" /> : null}
    </g>
  );
}

function IconPaths({ kind }: { kind: NodeKind }) {
  switch (kind) {
    case "person":
      return <Person fill="#fde2c8" />;
    case "staff":
      return <Person fill="#cfe3f7" badge />;
    case "terminal":
      return (
        <g stroke={INK} strokeWidth="1.6" fill="#e8eef4">
          <rect x="5" y="7" width="38" height="25" rx="2" />
          <rect x="9" y="11" width="30" height="17" fill="#fff" />
          <path d="M19 32 L17 40 H31 L29 32" />
          <rect x="12" y="40" width="24" height="3" />
        </g>
      );
    case "media":
      return (
        <g stroke={INK} strokeWidth="1.6">
          <circle cx="24" cy="24" r="18" fill="#eef0f8" />
          <circle cx="24" cy="24" r="5" fill="#fff" />
          <path d="M24 10 A14 14 0 0 1 38 24" fill="none" stroke="#8a94a6" />
        </g>
      );
    case "network_device":
      return (
        <g stroke={INK} strokeWidth="1.6" fill="#e9ecef">
          <rect x="4" y="16" width="40" height="16" rx="3" />
          <path d="M12 24 H20 M17 21 L20 24 L17 27 M36 24 H28 M31 21 L28 24 L31 27" fill="none" />
          <path d="M14 16 V10 M34 16 V10" fill="none" />
        </g>
      );
    case "disposal":
      return (
        <g stroke={INK} strokeWidth="1.6" fill="#f1f3f5">
          <path d="M10 12 H38" />
          <path d="M19 12 V8 H29 V12" fill="none" />
          <path d="M13 12 L15 42 H33 L35 12 Z" />
          <path d="M20 18 V36 M24 18 V36 M28 18 V36" fill="none" />
        </g>
      );
    default:
      return <BoxShape kind={kind} width={48} height={48} />;
  }
}

/** Fill and stroke of the box kinds (systems by owner, contractors, other bodies …). */
export const BOX_STYLE: Partial<Record<NodeKind, { fill: string; stroke: string; dash?: string }>> = {
  system_own: { fill: "#dbeafe", stroke: "#1d4f91" },
  system_external: { fill: "#eceff1", stroke: "#546e7a" },
  contractor: { fill: "#fff3d6", stroke: "#9a6700" },
  subcontractor: { fill: "#fff8e8", stroke: "#9a6700", dash: "5 3" },
  agency: { fill: "#ffffff", stroke: "#37474f" },
  department: { fill: "#eef7ee", stroke: "#2e7d32" },
  store: { fill: "#e3f2fd", stroke: "#1d4f91" },
  paper: { fill: "#ffffff", stroke: INK },
};

/** A box-kind outline drawn into a width×height area. */
export function BoxShape({ kind, width, height }: { kind: NodeKind; width: number; height: number }) {
  const s = BOX_STYLE[kind] ?? { fill: "#fff", stroke: INK };
  const w = Math.max(width - 2, 10);
  const h = Math.max(height - 2, 10);
  const common = { fill: s.fill, stroke: s.stroke, strokeWidth: 1.6, strokeDasharray: s.dash };
  switch (kind) {
    case "store": {
      const ry = Math.min(10, h / 6);
      return (
        <g transform="translate(1 1)">
          <path d={`M0 ${ry} V${h - ry} A${w / 2} ${ry} 0 0 0 ${w} ${h - ry} V${ry}`} {...common} />
          <ellipse cx={w / 2} cy={ry} rx={w / 2} ry={ry} {...common} />
        </g>
      );
    }
    case "paper": {
      const wave = Math.min(8, h / 6);
      return (
        <path
          transform="translate(1 1)"
          d={`M0 0 H${w} V${h - wave} Q${(w * 3) / 4} ${h - 3 * wave} ${w / 2} ${h - wave} T0 ${h - wave} Z`}
          {...common}
        />
      );
    }
    case "agency":
      return (
        <g transform="translate(1 1)">
          <rect width={w} height={h} rx="10" {...common} />
          <rect
            x="3"
            y="3"
            width={Math.max(w - 6, 1)}
            height={Math.max(h - 6, 1)}
            rx="8"
            fill="none"
            stroke={s.stroke}
            strokeWidth="0.8"
          />
        </g>
      );
    case "department":
      return <rect x="1" y="1" width={w} height={h} rx="6" {...common} />;
    case "system_external":
      return (
        <g transform="translate(1 1)">
          <defs>
            <pattern
              id="hatch-external"
              width="8"
              height="8"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="8" height="8" fill={s.fill} />
              <line x1="0" y1="0" x2="0" y2="8" stroke="#cfd8dc" strokeWidth="3" />
            </pattern>
          </defs>
          <rect width={w} height={h} rx="2" {...common} fill="url(#hatch-external)" />
        </g>
      );
    default:
      return <rect x="1" y="1" width={w} height={h} rx="2" {...common} />;
  }
}
