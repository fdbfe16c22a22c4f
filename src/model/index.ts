export * from "./finding.js";
export * from "./graph.js";
export * from "./iac.js";
export * from "./mapping.js";
export * from "./source.js";
export * from "./suppression.js";
