/**
 * The document layer: every command that changes the shared Y.Doc (put, patch, delete, undo, initialise,
 * positions, creation, copy and paste, steps). The canvas, the inspector, the panels and the templates'
 * block insertion all write through it; none of it depends on React or React Flow.
 */
export * from "./clipboard";
export * from "./comments";
export * from "./create";
export * from "./geometry";
export * from "./ids";
export * from "./placement";
export * from "./positions";
export * from "./steps";
export * from "./transact";
export * from "./waypoints";
export * from "./write";
