export * from "./graph-index";
export * from "./parties";
export * from "./phases";
export * from "./routes";
