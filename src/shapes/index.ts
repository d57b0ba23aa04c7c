export * from "./colors";
export * from "./kinds";
export * from "./sizes";
export { FONT_FAMILY, fitLine, measureText, wrapText } from "./text";
