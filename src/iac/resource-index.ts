/**
 * The declared resources indexed once: by address (within the template or Terraform root that
 * declares them), by type, by literal name, and by who references whom. Every derivation looks
 * things up here, so the whole derivation stays linear in the number of resources and references.
 */
import { posix } from "node:path";
import type { Element } from "../model/graph.js";
import type { IacResource, IacValue, ResourceRef } from "../model/iac.js";
import { type ResourceTypeInfo, resourceTypeInfo } from "./resource-table.js";
import { type AttrName, literalString, prop } from "./values.js";

export interface Node {
  resource: IacResource;
  /** The Terraform root directory / "" for CloudFormation: where its address is unique. */
  scope: string;
  /** Element id: the address, prefixed with its template / root when two share an address. */
  id: string;
  info: ResourceTypeInfo;
  /** The element, for managed resources that are created (not for data sources). */
  element?: Element;
  /** Resolved references from this resource's body. */
  out: Edge[];
  /** Resolved references to this resource from other resources' bodies. */
  in: Edge[];
}

export interface Edge {
  from: Node;
  to: Node;
  ref: ResourceRef;
  /** The top-level attribute that holds it (`default_action` for `default_action.target_group_arn`). */
  key: string;
}

/** The attribute that holds a resource's human name, per format (first literal wins). */
export const NAME_ATTR: AttrName = {
  terraform: [
    "name",
    "bucket",
    "identifier",
    "cluster_identifier",
    "replication_group_id",
    "cluster_id",
    "domain_name",
    "function_name",
  ],
  cloudformation: [
    "BucketName",
    "QueueName",
    "TopicName",
    "FunctionName",
    "DBInstanceIdentifier",
    "DBClusterIdentifier",
    "ReplicationGroupId",
    "CacheClusterId",
    "DomainName",
    "ClusterName",
    "ServiceName",
    "RepositoryName",
    "TableName",
    "UserPoolName",
    "DBSubnetGroupName",
    "CacheSubnetGroupName",
    "EventBusName",
    "RoleName",
    "Name",
  ],
};

const INDEX_SUFFIX = /\[[^[\]]*\]$/;

/** `aws_subnet.private[0]` → `aws_subnet.private`. */
export function baseAddress(address: string): string {
  return address.replace(INDEX_SUFFIX, "");
}

function moduleDepth(modulePath: string | undefined): number {
  if (!modulePath) return 0;
  return modulePath.split(/(?:^|\.)module\./).length - 1;
}

/**
 * The scope an address is unique in: the root module's directory for Terraform (a module's
 * resources belong to the root that calls it); one scope for all CloudFormation templates.
 */
function scopesOf(resources: readonly IacResource[]): string[] {
  const rootOfDir = new Map<string, string>();
  const order = resources.map((resource, index) => ({ resource, index, depth: moduleDepth(resource.modulePath) }));
  order.sort((a, b) => a.depth - b.depth || a.index - b.index);
  const scopes: string[] = new Array(resources.length);
  for (const { resource, index, depth } of order) {
    if (resource.format === "cloudformation") {
      // The CloudFormation parser already makes addresses unique across templates
      // (`app.yaml#Db`, `Network/Db` for nested stacks) and writes references with them.
      scopes[index] = "";
      continue;
    }
    const dir = posix.dirname(resource.file);
    if (depth === 0 || !resource.moduleCall) {
      scopes[index] = dir;
      continue;
    }
    const callerDir = posix.dirname(resource.moduleCall.file);
    const root = rootOfDir.get(callerDir) ?? callerDir;
    if (!rootOfDir.has(dir)) rootOfDir.set(dir, root);
    scopes[index] = root;
  }
  return scopes;
}

export class ResourceIndex {
  readonly nodes: Node[] = [];
  /** scope → address → node. */
  private readonly byAddress = new Map<string, Map<string, Node>>();
  /** scope → address without instance key → instances (Terraform). */
  private readonly byBase = new Map<string, Map<string, Node[]>>();
  private readonly byType = new Map<string, Node[]>();
  private readonly byName = new Map<string, Node[]>();

  constructor(resources: readonly IacResource[]) {
    const created = resources.filter((resource) => resource.condition !== false);
    const scopes = scopesOf(created);
    const scopesPerAddress = new Map<string, string | null>();
    created.forEach((resource, i) => {
      const known = scopesPerAddress.get(resource.address);
      // null: declared in more than one scope.
      if (known === undefined) scopesPerAddress.set(resource.address, scopes[i]!);
      else if (known !== scopes[i]) scopesPerAddress.set(resource.address, null);
    });
    created.forEach((resource, i) => {
      const scope = scopes[i]!;
      const addresses = mapIn(this.byAddress, scope, () => new Map<string, Node>());
      if (addresses.has(resource.address)) return; // a duplicate declaration: the parser reports it; keep the first
      const shared = scopesPerAddress.get(resource.address) === null;
      const node: Node = {
        resource,
        scope,
        id: shared ? `${scope}#${resource.address}` : resource.address,
        info: resourceTypeInfo(resource.type),
        out: [],
        in: [],
      };
      addresses.set(resource.address, node);
      this.nodes.push(node);
      push(this.byType, resource.type, node);
      if (resource.format === "terraform")
        push(
          mapIn(this.byBase, scope, () => new Map<string, Node[]>()),
          baseAddress(resource.address),
          node,
        );
      const name = literalString(prop(resource, NAME_ATTR)?.value);
      if (name !== undefined) push(this.byName, `${resource.type}\u0000${name}`, node);
    });
    for (const node of this.nodes) {
      const body = node.resource.body;
      for (const key of Object.keys(body.entries)) this.linkRefs(node, body.entries[key]!, key);
    }
  }

  /** Each reference resolved once (a reference belongs to one resource's body, hence one scope). */
  private readonly resolved = new Map<ResourceRef, Node[]>();

  /** The resources a reference written in `from` points at (several for a splat or a counted resource). Do not mutate. */
  resolve(from: Node, ref: ResourceRef): Node[] {
    let nodes = this.resolved.get(ref);
    if (!nodes) {
      nodes = this.lookUp(from, ref);
      this.resolved.set(ref, nodes);
    }
    return nodes;
  }

  private lookUp(from: Node, ref: ResourceRef): Node[] {
    const exact = this.byAddress.get(from.scope)?.get(ref.target);
    if (from.resource.format === "cloudformation") return exact ? [exact] : [];
    if (exact && !ref.splat) return [exact];
    const instances = this.byBase.get(from.scope)?.get(ref.target);
    if (instances) return instances;
    if (exact) return [exact];
    const base = this.byAddress.get(from.scope)?.get(baseAddress(ref.target));
    return base ? [base] : [];
  }

  /** Resources a value of `from` references, optionally only those of the given types. */
  targets(from: Node, value: IacValue | undefined, types?: ReadonlySet<string>): Node[] {
    if (!value) return [];
    if (value.kind === "ref") {
      // The common case (`subnet_id = aws_subnet.a.id`), without the walk.
      const nodes = this.resolve(from, value.ref);
      return types ? nodes.filter((node) => types.has(node.resource.type)) : nodes.slice();
    }
    const out: Node[] = [];
    const seen = new Set<Node>();
    const visit = (item: IacValue | undefined) => {
      if (!item) return;
      const refs =
        item.kind === "ref"
          ? [item.ref]
          : item.kind === "unknown"
            ? item.refs
            : item.kind === "literal"
              ? (item.refs ?? [])
              : [];
      for (const ref of refs) {
        for (const node of this.resolve(from, ref)) {
          if ((types && !types.has(node.resource.type)) || seen.has(node)) continue;
          seen.add(node);
          out.push(node);
        }
      }
      if (item.kind === "list") for (const child of item.items) visit(child);
      if (item.kind === "object") for (const key of Object.keys(item.entries)) visit(item.entries[key]);
    };
    visit(value);
    return out;
  }

  ofType(...types: string[]): Node[] {
    return types.flatMap((type) => this.byType.get(type) ?? []);
  }

  /** Resources of these types whose literal name (NAME_ATTR) is `name`, in the same scope as `from`. */
  named(from: Node, types: readonly string[], name: string): Node[] {
    return types.flatMap((type) =>
      (this.byName.get(`${type}\u0000${name}`) ?? []).filter((node) => node.scope === from.scope),
    );
  }

  /** Resources of these types that reference `to` (through any attribute, or the given top-level keys). */
  referrers(to: Node, types: ReadonlySet<string>, keys?: ReadonlySet<string>): Edge[] {
    return to.in.filter((edge) => types.has(edge.from.resource.type) && (!keys || keys.has(edge.key)));
  }

  /** Walks a value of the top-level attribute `key` for references. */
  private linkRefs(from: Node, value: IacValue, key: string): void {
    switch (value.kind) {
      case "object":
        for (const child of Object.keys(value.entries)) this.linkRefs(from, value.entries[child]!, key);
        return;
      case "list":
        for (const item of value.items) this.linkRefs(from, item, key);
        return;
      case "ref":
        this.link(from, value.ref, key);
        return;
      case "unknown":
        for (const ref of value.refs) this.link(from, ref, key);
        return;
      case "literal":
        if (value.refs) for (const ref of value.refs) this.link(from, ref, key);
        return;
    }
  }

  private link(from: Node, ref: ResourceRef, key: string): void {
    for (const to of this.resolve(from, ref)) {
      if (to === from) continue;
      const edge: Edge = { from, to, ref, key };
      from.out.push(edge);
      to.in.push(edge);
    }
  }
}

function mapIn<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What handles each resource type, written as rows of (types, handler). */
export function byType<T>(rows: readonly (readonly [readonly string[], T])[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [names, value] of rows) for (const name of names) map.set(name, value);
  return map;
}

/** A set of types, for lookups. */
export function types(...names: string[]): ReadonlySet<string> {
  return new Set(names);
}
