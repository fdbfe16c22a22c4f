import { diagnosticRule } from "./support/diagnostic-rule.js";

/** Extension to the spec's catalogue: inputs archlint deliberately did not read. */
export const iacUnreadable = diagnosticRule({
  graph: "actual",
  codes: ["iac-module-not-read", "iac-path-escape"],
  fix: (code) =>
    code === "iac-path-escape"
      ? "keep module sources and nested templates inside the scanned directory, or scan from a directory that contains them"
      : 'vendor the module into the repository (a local "./modules/…" source), or map its resources explicitly in .archlintrc.json "mapping"',
  meta: {
    id: "iac-unreadable",
    description: "A module or nested template archlint did not read (remote source, or outside the scanned directory)",
    defaultLevel: "note",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "Extension (not in the spec's catalogue). archlint reads local Terraform modules and nested CloudFormation templates, but never fetches remote sources (registry, git, S3 URLs) and never reads files outside the scanned directory. The resources such a module declares are then unknown: documented components they would carry may be reported missing, and facts about them stay unresolved. This note says which module was skipped and why, so the gap is visible.",
      drifted: [
        "```hcl",
        'module "db" {',
        '  source  = "terraform-aws-modules/rds/aws"',
        '  version = "6.5.0"',
        "}",
        "```",
        "",
        "A registry module: its resources are not read.",
      ].join("\n"),
      fixed: [
        "```hcl",
        'module "db" {',
        '  source = "./modules/rds" # vendored copy of terraform-aws-modules/rds/aws 6.5.0',
        "}",
        "```",
        "",
        "Or keep the registry module and say why with `# archlint-disable-next-line iac-unreadable -- reviewed upstream module` above its `module` block.",
      ].join("\n"),
    },
  },
});
