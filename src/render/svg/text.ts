/** Text measurement and wrapping live with the shapes (the canvas uses them too); re-exported for the renderers. */
export * from "../../shapes/text";
