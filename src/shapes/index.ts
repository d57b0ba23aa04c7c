export * from "./colors";
export * from "./kinds";
export * from "./sizes";
export { FONT_FAMILY, measureText, widestLine, wrapText, wrapTitle } from "./text";
export * from "./titles";
