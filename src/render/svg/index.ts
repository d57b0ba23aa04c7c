/** The 別添1 figure as real SVG, shared by the app, the CLI, the server and the Word/PDF exports. */
export { toneOf, worstToneByElement } from "./findings";
export { kindLegendLabel } from "./legend";
export {
  type DiagramSvg,
  type DiagramSvgOptions,
  diagramTitle,
  organizationShortName,
  renderDiagramSvg,
} from "./render";
export { buildScene, type Selection } from "./scene";
export type { DiagramStyle } from "./style";
export { escapeXml, FONT_FAMILY, measureText, wrapText } from "./text";
